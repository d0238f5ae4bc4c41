namespace NodeSim.Engine;

/// <summary>Names from scenario files made safe for file names.</summary>
public static class FileNames
{
    /// <summary>Letters, digits, '.', '_' and '-' kept; anything else becomes '-'; no leading dot; at most 80 characters.</summary>
    public static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '-').ToArray();
        var s = new string(chars).Trim('.', '-');
        if (s.Length == 0) s = "unnamed";
        return s.Length > 80 ? s[..80] : s;
    }
}
