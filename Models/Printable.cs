using System.Globalization;
using System.Text;

namespace NodeSim.Models;

/// <summary>Text from an input file made safe to echo in a message, a terminal or a CSV cell.</summary>
public static class Printable
{
    /// <summary>
    /// <paramref name="text"/> with control characters, format characters (<c>\u202e</c>) and unpaired surrogates written as
    /// escapes (<c>\x01</c>, <c>\u2028</c>), and cut to <paramref name="max"/> characters with "…" — so a
    /// binary file's bytes never reach a terminal raw, and a huge field never floods it.
    /// </summary>
    public static string Of(ReadOnlySpan<char> text, int max = 60)
    {
        var s = new StringBuilder(Math.Min(text.Length, max) + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (s.Length >= max)
            {
                s.Append('…');
                break;
            }
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                s.Append(c).Append(text[++i]);
                continue;
            }
            if (c < ' ' || c == '\x7f') s.Append($"\\x{(int)c:x2}");
            // Format characters (bidirectional overrides such as U+202E, zero-width ones) change how the text around them reads.
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\ufffd'
                     || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format) s.Append($"\\u{(int)c:x4}");
            else s.Append(c);
        }
        return s.ToString();
    }
}
