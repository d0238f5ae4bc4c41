using System.Globalization;

namespace NodeSim.Models.Parameters;

/// <summary>How a parameter's value is written.</summary>
public enum ValueKind
{
    /// <summary>A real number.</summary>
    Number,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A number of bytes, written with or without a unit (4k, 2MiB, 1048576).</summary>
    Size,
    /// <summary>One of a set of names: fixed, or those registered when asked.</summary>
    Choice,
    /// <summary>Free text that the model reads itself (a trace, a noise specification).</summary>
    Text,
}

/// <summary>
/// One parameter of a model, declared once: its name, unit, valid range, whether a campaign may
/// sweep it, and what it means. It reads its value off a model and makes a changed copy (models
/// are immutable records), so binding a scenario's values needs no reflection.
/// </summary>
public abstract class Parameter(string name, string unit, string description, ValueKind kind, double min, double max, bool sweepable)
{
    /// <summary>The snake_case name, one segment of a dotted path.</summary>
    public string Name { get; } = name;

    /// <summary>The unit, e.g. <c>cycles</c>, <c>Hz</c>, <c>s</c>, <c>B</c>, <c>1</c> for a pure number.</summary>
    public string Unit { get; } = unit;

    public string Description { get; } = description;
    public ValueKind Kind { get; } = kind;

    /// <summary>The smallest valid value (numbers only).</summary>
    public double Min { get; } = min;

    /// <summary>The largest valid value (numbers only).</summary>
    public double Max { get; } = max;

    /// <summary>Whether a campaign may sweep it (a fixed <c>set:</c> is always allowed).</summary>
    public bool Sweepable { get; } = sweepable;

    /// <summary>The names a choice accepts (empty for numbers).</summary>
    public virtual IReadOnlyList<string> Choices => [];

    /// <summary>What it means when a model leaves the parameter unset (an optional value), e.g. "the trace's"; null when it always has a value.</summary>
    public string? Absent { get; init; }

    /// <summary>Whether a scenario must give a value: the model has no default.</summary>
    public bool Required { get; init; }

    /// <summary>Whether its values span orders of magnitude, so that a plot against it reads best on a logarithmic axis (ranks).</summary>
    public bool LogScale { get; init; }

    /// <summary>The value on <paramref name="model"/>: a <see cref="double"/>, <see cref="long"/>, name or text; null when unset.</summary>
    public abstract object? Value(object model);

    /// <summary>A copy of <paramref name="model"/> with this parameter set from <paramref name="text"/>.</summary>
    /// <exception cref="ParameterException">The text is not a value of this parameter, or lies outside its range.</exception>
    public abstract object With(object model, string text, string path);

    /// <summary>What values are valid, e.g. "0 to 1" or "one of off, 4k, 2m, 1g".</summary>
    public virtual string Range => Kind switch
    {
        ValueKind.Choice => "one of " + string.Join(", ", Choices),
        ValueKind.Size => $"{ByteSize.Format((long)Min)} to {ByteSize.Format((long)Max)}",
        ValueKind.Integer => string.Create(CultureInfo.InvariantCulture, $"{(long)Min} to {(long)Max}"),
        ValueKind.Number => $"{Format(Min)} to {Format(Max)}",
        ValueKind.Text => "text",
    };

    /// <summary>Throws <see cref="ParameterException"/> when <paramref name="model"/>'s value lies outside the range (a model built in code, not from text).</summary>
    public void Check(object model)
    {
        if (Value(model) is not { } value) return;
        if (Kind == ValueKind.Choice && !Choices.Contains(value))
            throw new ParameterException($"{Name} = {value} is outside its range, {Range}");
        if (value is not (double or long)) return;
        var v = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        if (!(v >= Min && v <= Max)) throw new ParameterException($"{Name} = {Format(v)} is outside its range, {Range}");
    }

    /// <summary>The value as text, as a file would give it; an unset one says what that means.</summary>
    public string Text(object model) => Value(model) switch
    {
        double d => Format(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        null => Required ? "(required)" : $"({Absent ?? "none"})",
        var other => other.ToString() ?? "",
    };

    /// <summary>A number for people: 250, 0.02, 3e-5, 1.152e+9 (six significant digits at most).</summary>
    private static string Format(double v) => Math.Abs(v) switch
    {
        0 => "0",
        >= 1e6 or < 1e-3 => v.ToString("0.#####e+0", CultureInfo.InvariantCulture),
        _ => v.ToString("0.######", CultureInfo.InvariantCulture),
    };

    private protected string Expected => Kind switch
    {
        ValueKind.Number => "a number",
        ValueKind.Integer => "a whole number",
        ValueKind.Size => "a size such as 4k, 2m or 1GiB",
        ValueKind.Choice => "one of " + string.Join(", ", Choices),
        ValueKind.Text => "text",
    };

    private protected double InRange(double v, string text, string path) =>
        v >= Min && v <= Max ? v : throw new ParameterException($"'{path}' = '{text}' is outside its range; expected {Range}");
}

/// <summary>A real, whole or size parameter of a model of type <typeparamref name="T"/> (unset when <paramref name="get"/> gives null).</summary>
internal sealed class NumberParameter<T>(string name, string unit, string description, ValueKind kind, double min, double max, bool sweepable,
    Func<T, double?> get, Func<T, double, T> set) : Parameter(name, unit, description, kind, min, max, sweepable) where T : class
{
    public override object? Value(object model) => get((T)model) is not { } v ? null : Kind == ValueKind.Number ? v : (long)v;

    public override object With(object model, string text, string path)
    {
        var ci = CultureInfo.InvariantCulture;
        double value;
        switch (Kind)
        {
            case ValueKind.Number when double.TryParse(text, NumberStyles.Float, ci, out var d) && double.IsFinite(d):
                value = d;
                break;
            case ValueKind.Integer when long.TryParse(text, NumberStyles.Integer, ci, out var l):
                value = l;
                break;
            case ValueKind.Size:
                try
                {
                    value = ByteSize.Parse(text, $"'{path}'");
                }
                catch (UserInputException e)
                {
                    throw new ParameterException(e.Message);
                }
                break;
            default:
                throw new ParameterException($"'{path}' = '{text}' is not valid; expected {Expected}");
        }
        return set((T)model, InRange(value, text, path));
    }
}

/// <summary>A parameter of a model of type <typeparamref name="T"/> that takes one of a set of named values (or one of their <paramref name="aliases"/>).</summary>
internal sealed class ChoiceParameter<T, TValue>(string name, string description, bool sweepable, IReadOnlyList<(string Name, TValue Value)> choices,
    IReadOnlyList<(string Name, TValue Value)> aliases, Func<T, TValue> get, Func<T, TValue, T> set)
    : Parameter(name, "", description, ValueKind.Choice, 0, 0, sweepable) where T : class
{
    public override IReadOnlyList<string> Choices { get; } = [.. choices.Select(c => c.Name)];

    public override object? Value(object model)
    {
        var value = get((T)model);
        // A value no choice names (set in code, not from a file) shows as itself, and Check refuses it.
        return choices.FirstOrDefault(c => EqualityComparer<TValue>.Default.Equals(c.Value, value)).Name ?? value?.ToString()?.ToLowerInvariant() ?? "";
    }

    public override object With(object model, string text, string path)
    {
        // Names match whatever their case and hyphens (pointer-chase, PointerChase).
        var match = choices.Concat(aliases).Where(c => string.Equals(c.Name.Replace("-", ""), text.Trim().Replace("-", ""), StringComparison.OrdinalIgnoreCase)).ToList();
        return match.Count == 1
            ? set((T)model, match[0].Value)
            : throw new ParameterException($"'{path}' = '{text}' is not valid; expected {Expected}");
    }
}

/// <summary>A parameter that names one of the entries of a registry (a profile, a SoC), whichever are registered when it is read.</summary>
/// <param name="what">What the names are, for messages: "profile", "SoC".</param>
internal sealed class NameParameter<T>(string name, string what, string description, bool sweepable, Func<IReadOnlyList<string>> names,
    Func<T, string?> get, Func<T, string, T> set) : Parameter(name, "", description, ValueKind.Choice, 0, 0, sweepable) where T : class
{
    public override IReadOnlyList<string> Choices => names();

    public override object? Value(object model) => get((T)model);

    public override object With(object model, string text, string path) =>
        Choices.FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } match
            ? set((T)model, match)
            : throw new ParameterException(UnknownName.Message(what, text, Choices));
}

/// <summary>Free text that the model reads itself; <paramref name="check"/> says what is wrong with a text, or null.</summary>
internal sealed class TextParameter<T>(string name, string description, bool sweepable, Func<T, string?> get, Func<T, string, T> set, Func<string, string?> check)
    : Parameter(name, "", description, ValueKind.Text, 0, 0, sweepable) where T : class
{
    public override object? Value(object model) => get((T)model);

    public override object With(object model, string text, string path) =>
        check(text) is { } problem ? throw new ParameterException(problem) : set((T)model, text);
}

/// <summary>A whole number from 0 to 2^64 − 1 (a seed), kept exact: not through a double.</summary>
internal sealed class UnsignedParameter<T>(string name, string description, Func<T, ulong> get, Func<T, ulong, T> set)
    : Parameter(name, "1", description, ValueKind.Integer, 0, ulong.MaxValue, true) where T : class
{
    public override string Range => $"0 to {ulong.MaxValue.ToString(CultureInfo.InvariantCulture)}";

    public override object? Value(object model) => get((T)model);

    public override object With(object model, string text, string path) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? set((T)model, v)
            : throw new ParameterException($"'{path}' = '{text}' is not valid; expected a whole number from 0 to {ulong.MaxValue.ToString(CultureInfo.InvariantCulture)}");
}
