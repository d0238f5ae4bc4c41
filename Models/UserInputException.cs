namespace NodeSim;

/// <summary>
/// Bad input from the user (command line, scenario or trace file): reported as one clear message
/// with no stack trace, exit code 2.
/// </summary>
public class UserInputException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Several problems of one input, each its own line when printed (the message joins them for logs and tests).</summary>
public sealed class UserInputErrors(string summary, IReadOnlyList<string> problems)
    : UserInputException(summary + "\n" + string.Join("\n", problems.Select(p => "  " + p)))
{
    /// <summary>"3 problems:", the line before them.</summary>
    public string Summary => summary;

    /// <summary>Each problem, as one line.</summary>
    public IReadOnlyList<string> Problems => problems;
}
