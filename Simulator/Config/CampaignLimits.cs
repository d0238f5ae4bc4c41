using System.Globalization;

namespace NodeSim.Config;

/// <summary>
/// How large a campaign may be, checked from the file before anything is built, so an
/// accidental 10⁹-point sweep or a hostile file is refused at once, in little memory.
/// </summary>
public static class CampaignLimits
{
    /// <summary>The largest campaign file.</summary>
    public const long MaxFileBytes = 1 << 20;

    /// <summary>The deepest nesting of flow collections ([…], {…}) and the widest indentation.</summary>
    public const int MaxNesting = 64, MaxIndentation = 256;

    /// <summary>YAML nodes, counting each alias as many times as it is used (so anchors cannot multiply the work).</summary>
    public const int MaxNodes = 1_000_000;

    /// <summary>Points of one scenario's sweep, and replications of a point.</summary>
    public const int MaxPoints = 100_000, MaxReplications = 100_000;

    /// <summary>Runs of a whole campaign: points × replications × stacks, over its scenarios.</summary>
    public const long MaxRuns = 1_000_000;

    /// <summary>Refuses text nested deeper than <see cref="MaxNesting"/> before the YAML parser (which recurses) sees it.</summary>
    public static void CheckNesting(string file, string text)
    {
        var depth = 0;
        var line = 1;
        var column = 0;
        var atLineStart = true;
        var indentation = 0;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            column++;
            if (c == '\n')
            {
                line++;
                column = 0;
                atLineStart = true;
                indentation = 0;
                continue;   // quoted scalars may span lines
            }
            if (atLineStart)
            {
                if (c == ' ')
                {
                    if (++indentation > MaxIndentation)
                        throw new UserInputException($"{file}:{line}:{column}: indented more than {MaxIndentation} columns; campaign files nest only a few levels deep");
                    continue;
                }
                atLineStart = false;
            }
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else if (c == '\\' && quote == '"') i++;
                continue;
            }
            switch (c)
            {
                case '#' when i == 0 || char.IsWhiteSpace(text[i - 1]):
                    while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                    break;
                case '"' or '\'' when StartsScalar(text, i):
                    quote = c;
                    break;
                case '[' or '{':
                    if (++depth > MaxNesting)
                        throw new UserInputException($"{file}:{line}:{column}: nested more than {MaxNesting} levels deep; campaign files nest only a few levels");
                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }
    }

    /// <summary>A quote opens a quoted scalar only where a scalar starts: after ':', '-', ',', '[' or '{' (and spaces), or at a line's start — not in "Linux's".</summary>
    private static bool StartsScalar(string text, int i)
    {
        var j = i - 1;
        while (j >= 0 && text[j] == ' ') j--;
        return j < 0 || text[j] is '\n' or ':' or '-' or ',' or '[' or '{';
    }

    /// <summary>The text of a count for messages: 3,000,000,001 or 1e+300.</summary>
    public static string Count(double n) => n < 1e15 ? n.ToString("N0", CultureInfo.InvariantCulture) : n.ToString("G3", CultureInfo.InvariantCulture);
}
