using System.Text;
using System.Text.Json;
using NodeSim.Files;
using Spectre.Console;

namespace NodeSim.Cli.Conventions;

/// <summary>
/// Where commands write: results (tables or one JSON document) to standard output, everything
/// else (progress, notes) to standard error, so <c>--json</c> output can be piped as is.
/// </summary>
/// <remarks>
/// These are the process's standard streams, unless <see cref="Capture"/> has put others in their
/// place for the work it runs (commands run inside another program, e.g. the tests).
/// </remarks>
public static class Terminal
{
    private static readonly Lazy<Streams> Standard = new(() => new Streams(
        new Lazy<Stream>(Console.OpenStandardOutput), Console.Out, Console.Error, Console.IsOutputRedirected, Console.IsErrorRedirected));

    // Flows into the threads and tasks the captured work starts (campaign workers report progress).
    private static readonly AsyncLocal<Streams?> Captured = new();

    private static Streams Current => Captured.Value ?? Standard.Value;

    /// <summary>Standard output, for results. Piped output gets 140 columns, so tables are not squeezed to 80.</summary>
    public static IAnsiConsole Out => Current.OutConsole;

    /// <summary>Standard error, for progress and diagnostics.</summary>
    public static IAnsiConsole Error => Current.ErrorConsole;

    /// <summary>True when progress can be drawn as a live bar (standard error is a terminal).</summary>
    public static bool IsInteractive => !Current.ErrorRedirected;

    /// <summary>Writes exactly one JSON document to standard output.</summary>
    public static void WriteJson<T>(T value) => WriteResult(JsonSerializer.Serialize(value, JsonFormat.Options));

    /// <summary>Writes a result that is already text (e.g. a JSON document) to standard output, as one line.</summary>
    public static void WriteResult(string text)
    {
        var output = Current.Output;
        output.Write(text);
        output.WriteLine();
        output.Flush();
    }

    /// <summary>Standard output as bytes, for results written by a stream writer (e.g. a generated trace); flush it, don't close it.</summary>
    public static Stream OutputStream => Current.OutputStream.Value;

    /// <summary>A progress note on standard error (never standard output), one unwrapped line (see <see cref="Line"/>).</summary>
    public static void Note(string message) => Current.ErrorWriter.WriteLine(Line(message));

    /// <summary>An error message on standard error, one unwrapped line (so logs can be searched; see <see cref="Line"/>).</summary>
    public static void ErrorLine(string message) =>
        Current.ErrorWriter.WriteLine(IsInteractive ? $"\u001b[31merror:\u001b[0m {Line(message)}" : $"error: {Line(message)}");

    /// <summary>An error of several problems: its summary as <see cref="ErrorLine"/> writes it, then each problem indented on a line of its own.</summary>
    public static void ErrorLines(string summary, IEnumerable<string> problems)
    {
        ErrorLine(summary);
        foreach (var problem in problems) Current.ErrorWriter.WriteLine("  " + Line(problem));
    }

    /// <summary>
    /// A message as one line a terminal shows as it is: names and values from files and arguments may hold line breaks, escape
    /// sequences or bidirectional overrides, which are written as escapes; and a message is cut at <see cref="LineMax"/> characters.
    /// </summary>
    public static string Line(string message) => Models.Printable.Of(message, LineMax);

    /// <summary>
    /// Text for a table cell or title (Spectre markup): names and values from files escaped as <see cref="Line"/> escapes
    /// them, and cut at <see cref="CellMax"/> characters, so a campaign's 500,000-character name is not a megabyte of table.
    /// </summary>
    public static string Cell(string text) => Spectre.Console.Markup.Escape(Models.Printable.Of(text, CellMax));

    /// <summary>The longest text a table cell shows.</summary>
    public const int CellMax = 1000;

    /// <summary>The longest line a note or an error shows: longer ones are a file's content echoed, cut with "…".</summary>
    public const int LineMax = 4000;

    /// <summary>
    /// Runs <paramref name="work"/> with its results written to <paramref name="output"/> (UTF-8) and its
    /// diagnostics to <paramref name="error"/>, as if both were redirected; the process's own streams and
    /// other threads' work are untouched. This is how a command runs inside another program.
    /// </summary>
    public static T Capture<T>(Stream output, TextWriter error, Func<T> work)
    {
        var text = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 1024, leaveOpen: true) { AutoFlush = true };
        var previous = Captured.Value;
        Captured.Value = new Streams(new Lazy<Stream>(() => output), text, error, outputRedirected: true, errorRedirected: true);
        try
        {
            return work();
        }
        finally
        {
            Captured.Value = previous;
            text.Dispose();
        }
    }

    private sealed class Streams
    {
        public Streams(Lazy<Stream> outputStream, TextWriter output, TextWriter error, bool outputRedirected, bool errorRedirected)
        {
            OutputStream = outputStream;
            Output = output;
            ErrorWriter = error;
            ErrorRedirected = errorRedirected;
            OutConsole = CreateConsole(output, outputRedirected);
            ErrorConsole = CreateConsole(error, errorRedirected);
        }

        public Lazy<Stream> OutputStream { get; }
        public TextWriter Output { get; }
        public TextWriter ErrorWriter { get; }
        public bool ErrorRedirected { get; }
        public IAnsiConsole OutConsole { get; }
        public IAnsiConsole ErrorConsole { get; }

        private static IAnsiConsole CreateConsole(TextWriter writer, bool redirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            });
            if (redirected) console.Profile.Width = 140;
            return console;
        }
    }
}
