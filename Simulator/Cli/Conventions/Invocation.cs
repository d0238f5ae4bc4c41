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

    /// <summary><paramref name="argument"/> as a POSIX shell reads it back: as it is when safe, else in single quotes.</summary>
    public static string Quote(string argument) =>
        argument.Length > 0 && Safe().IsMatch(argument) ? argument : "'" + argument.Replace("'", "'\\''") + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_./:=@%+,-]+$")]
    private static partial Regex Safe();
}
