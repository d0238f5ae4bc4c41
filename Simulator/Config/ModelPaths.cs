using NodeSim.Traces;
using NodeSim.Models;
using System.Globalization;
using System.Reflection;
using NodeSim.Models.Soc;

namespace NodeSim.Config;

/// <summary>
/// Sets a parameter of an immutable model record by a dotted, snake_case path, e.g.
/// <c>primary.tick_hz</c> on a stack or <c>l2.size_bytes</c> on a SoC preset: each record on the
/// way is copied and the copy changed, so presets are never modified.
/// </summary>
public static class ModelPaths
{
    /// <summary>A copy of <paramref name="root"/> with the parameter at <paramref name="path"/> set to <paramref name="text"/>.</summary>
    /// <exception cref="ModelPathException">The path does not exist or the value does not fit its type.</exception>
    public static T Set<T>(T root, string path, string text) where T : class =>
        (T)Set(root, path.Split('.'), 0, text, path);

    /// <summary>The paths settable on <paramref name="type"/>, one level deep (for "did you mean" and help).</summary>
    public static IReadOnlyList<string> Names(Type type) => Properties(type).Select(p => ParameterBinder.SnakeCase(p.Name)).ToList();

    private static object Set(object target, string[] segments, int i, string text, string path)
    {
        var type = target.GetType();
        // A size may be named without its unit suffix: l2.size for l2.size_bytes.
        var property = Properties(type).FirstOrDefault(p => ParameterBinder.SnakeCase(p.Name) == segments[i])
            ?? Properties(type).FirstOrDefault(p => ParameterBinder.SnakeCase(p.Name) == segments[i] + "_bytes")
            ?? throw new ModelPathException($"'{path}': '{segments[i]}' is not a parameter here{Suggestions.DidYouMean(segments[i], Names(type))}; accepted: {string.Join(", ", Names(type))}");
        object? value;
        if (i == segments.Length - 1)
        {
            value = property.Name.EndsWith("Bytes", StringComparison.Ordinal) ? Size(text, property.PropertyType, path) : Parse(text, property.PropertyType, path);
        }
        else
        {
            var inner = property.GetValue(target)
                ?? throw new ModelPathException($"'{path}': '{segments[i]}' is absent on this stack (for example, a native stack has no hypervisor)");
            if (!IsRecord(inner.GetType())) throw new ModelPathException($"'{path}': '{segments[i]}' is a value, not a group of parameters");
            value = Set(inner, segments, i + 1, text, path);
        }
        var copy = Clone(target);
        property.SetValue(copy, value);
        return copy;
    }

    private static object Parse(string text, Type type, string path)
    {
        var ci = CultureInfo.InvariantCulture;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        object? value = underlying switch
        {
            _ when underlying == typeof(double) && double.TryParse(text, NumberStyles.Float, ci, out var d) && double.IsFinite(d) => d,
            _ when underlying == typeof(int) && int.TryParse(text, NumberStyles.Integer, ci, out var n) => n,
            _ when underlying == typeof(long) && long.TryParse(text, NumberStyles.Integer, ci, out var l) => l,
            _ when underlying == typeof(bool) && bool.TryParse(text, out var b) => b,
            _ when underlying == typeof(string) => text,
            _ when underlying == typeof(Stage2Mode) => Stage2(text),
            _ when underlying.IsEnum && Enum.TryParse(underlying, text.Replace("-", ""), true, out var e) && !int.TryParse(text, out _) => e,
            _ => null,
        };
        if (value is not null) return value;
        var expected = underlying == typeof(double) ? "a number" : underlying == typeof(int) || underlying == typeof(long) ? "a whole number"
            : underlying == typeof(bool) ? "true or false" : underlying == typeof(Stage2Mode) ? "off, 4k, 2m or 1g"
            : underlying.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(underlying).Select(n => n.ToLowerInvariant())) : $"a {underlying.Name}";
        throw new ModelPathException($"'{path}' = '{text}' is not valid; expected {expected}");
    }

    /// <summary>A byte count written with or without a unit (4k, 2MiB, 1048576).</summary>
    private static object Size(string text, Type type, string path)
    {
        long bytes;
        try
        {
            bytes = ByteSize.Parse(text, $"'{path}'");
        }
        catch (UserInputException e)
        {
            throw new ModelPathException(e.Message);
        }
        if (type == typeof(long)) return bytes;
        return bytes <= int.MaxValue ? (int)bytes : throw new ModelPathException($"'{path}' = '{text}' is too large; at most {ByteSize.Format(int.MaxValue)}");
    }

    private static object? Stage2(string text) => text.ToLowerInvariant() switch
    {
        "off" => Stage2Mode.Off,
        "4k" => Stage2Mode.Pages4K,
        "2m" => Stage2Mode.Blocks2M,
        "1g" => Stage2Mode.Blocks1G,
        _ => null,
    };

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract");

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    private static object Clone(object record) =>
        record.GetType().GetMethod("<Clone>$")?.Invoke(record, null) ?? throw new InvalidOperationException($"{record.GetType().Name} is not a record");
}

/// <summary>A parameter path or value that does not fit the model.</summary>
public sealed class ModelPathException(string message) : Exception(message);
