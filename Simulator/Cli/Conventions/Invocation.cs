using System.Text.RegularExpressions;

namespace NodeSim.Cli.Conventions;

/// <summary>How the user runs NodeSim, so that a command a message suggests can be copied and run as it is.</summary>
public static partial class Invocation
{
    /// <summary>
    /// The program as the user invoked it: the wrapper script exports its own path as invoked (<c>./nodesim</c>) in
    /// <c>NODESIM_PROGRAM</c>; an installed tool is <c>nodesim</c>.
    /// </summary>
    public static string Program => Environment.GetEnvironmentVariable("NODESIM_PROGRAM") is { Length: > 0 } program ? program : "nodesim";

    /// <summary>A command line of NodeSim with <paramref name="arguments"/>, each quoted for a POSIX shell where it needs to be.</summary>
    public static string Command(params IEnumerable<string> arguments) => string.Join(' ', arguments.Prepend(Program).Select(Quote));

    /// <summary>
    /// <paramref name="argument"/> as a POSIX shell reads it back: as it is when safe, else in single quotes — or, when it holds a
    /// control character (a line break in a path), in bash's <c>$'…'</c> quotes with that character escaped.
    /// </summary>
    public static string Quote(string argument)
    {
        if (argument.Length > 0 && Safe().IsMatch(argument)) return argument;
        if (!argument.Any(Unseen)) return "'" + argument.Replace("'", "'\\''") + "'";
        var quoted = new System.Text.StringBuilder("$'");
        foreach (var c in argument)
            quoted.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ when Unseen(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return quoted.Append('\'').ToString();
    }

    /// <summary>A character a terminal would not show as it is (a control or a format character), which a message writes escaped.</summary>
    private static bool Unseen(char c) => char.IsControl(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    [GeneratedRegex(@"^[A-Za-z0-9_./:=@%+,-]+$")]
    private static partial Regex Safe();
}
