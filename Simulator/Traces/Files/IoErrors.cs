using System.Text.RegularExpressions;

namespace NodeSim.Files;

/// <summary>Input/output errors in words a user can act on.</summary>
public static partial class IoErrors
{
    /// <summary>
    /// Why an operation failed, without the path the runtime quotes (often a temporary file's name the
    /// user never chose): "No space left on device", "Access to the path is denied".
    /// </summary>
    public static string Reason(Exception e) => QuotedPath().Replace(e.Message, "").Trim().TrimEnd('.', ' ', ':');

    [GeneratedRegex(@"\s*:?\s*'[^']*'")]
    private static partial Regex QuotedPath();
}
