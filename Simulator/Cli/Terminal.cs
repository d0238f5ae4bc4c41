using System.Text.Json;
using NodeSim.Reporting;
using Spectre.Console;

namespace NodeSim.Cli;

/// <summary>
/// Where commands write: results (tables or one JSON document) to standard output, everything
/// else (progress, notes) to standard error, so <c>--json</c> output can be piped as is.
/// </summary>
public static class Terminal
{
    /// <summary>Standard output, for results. Piped output gets 140 columns, so tables are not squeezed to 80.</summary>
    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected) console.Profile.Width = 140;
        return console;
    }

    /// <summary>Standard error, for progress and diagnostics.</summary>
    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    /// <summary>True when progress can be drawn as a live bar (standard error is a terminal).</summary>
    public static bool IsInteractive => !Console.IsErrorRedirected;

    /// <summary>Writes exactly one JSON document to standard output.</summary>
    public static void WriteJson<T>(T value)
    {
        Console.Out.Write(JsonSerializer.Serialize(value, JsonFormat.Options));
        Console.Out.WriteLine();
        Console.Out.Flush();
    }

    /// <summary>A progress note on standard error (never standard output), one unwrapped line.</summary>
    public static void Note(string message) => Console.Error.WriteLine(message);

    /// <summary>An error message on standard error, one unwrapped line (so logs can be searched).</summary>
    public static void ErrorLine(string message) =>
        Console.Error.WriteLine(IsInteractive ? $"\u001b[31merror:\u001b[0m {message}" : $"error: {message}");
}
