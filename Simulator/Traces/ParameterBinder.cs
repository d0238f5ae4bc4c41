using NodeSim.Models;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace NodeSim.Traces;

/// <summary>
/// Builds a parameter record (a C# record with a primary constructor and defaults) from
/// name=value pairs whose names are the parameters in snake_case, e.g. <c>serial_probability=0.3</c>.
/// Unknown names, unparsable values and values the record rejects are errors that say what is
/// accepted.
/// </summary>
public static partial class ParameterBinder
{
    /// <summary>The snake_case names <typeparamref name="T"/> accepts.</summary>
    public static IReadOnlyList<string> Names<T>() => Constructor<T>().GetParameters().Select(p => SnakeCase(p.Name!)).ToList();

    public static T Bind<T>(IReadOnlyDictionary<string, string> values, string context)
    {
        var parameters = Constructor<T>().GetParameters();
        var names = parameters.Select(p => SnakeCase(p.Name!)).ToList();
        foreach (var key in values.Keys)
            if (!names.Contains(key))
                throw new UserInputException($"{context}: {UnknownName.Message("parameter", key, names)}");
        var arguments = parameters.Select((p, i) =>
            values.TryGetValue(names[i], out var text) ? Parse(text, p.ParameterType, names[i], context) : p.DefaultValue).ToArray();
        T result;
        try
        {
            result = (T)Constructor<T>().Invoke(arguments);
            typeof(T).GetMethod("Validate")?.Invoke(result, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentOutOfRangeException bad)
        {
            throw new UserInputException($"{context}: {SnakeCase(bad.ParamName ?? "value")} = {bad.ActualValue}: {FirstLine(bad.Message)}");
        }
        return result;
    }

    private static object Parse(string text, Type type, string name, string context)
    {
        var ci = CultureInfo.InvariantCulture;
        object? value = type switch
        {
            _ when type == typeof(int) && int.TryParse(text, NumberStyles.Integer, ci, out var i) => i,
            _ when type == typeof(ulong) && ulong.TryParse(text, NumberStyles.Integer, ci, out var u) => u,
            _ when type == typeof(double) && double.TryParse(text, NumberStyles.Float, ci, out var d) && double.IsFinite(d) => d,
            _ when type.IsEnum && Enum.TryParse(type, text, ignoreCase: true, out var e) && !int.TryParse(text, out _) => e,
            _ => null,
        };
        if (value is not null) return value;
        var expected = type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))
            : type == typeof(double) ? "a number" : "a whole number";
        throw new UserInputException($"{context}: parameter '{name}' = '{text}' is not valid; expected {expected}");
    }

    private static ConstructorInfo Constructor<T>() =>
        typeof(T).GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();

    public static string SnakeCase(string name) => CamelBoundary().Replace(name, "$1_$2").ToLowerInvariant();

    private static string FirstLine(string message) => message.Split('\n')[0].Split(" (Parameter")[0].Trim();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelBoundary();
}
