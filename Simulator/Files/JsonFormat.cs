using System.Text.Json;
using System.Text.Json.Serialization;

namespace NodeSim.Files;

/// <summary>How NodeSim writes JSON, on standard output and in result files alike.</summary>
public static class JsonFormat
{
    /// <summary>snake_case names, indented, NaN and infinities as named literals, text unescaped.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Names and descriptions as written (apostrophes, '+', non-ASCII), not \u escapes; the output is not embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
