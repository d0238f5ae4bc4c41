using NodeSim.Models;
using NodeSim.Models.Parameters;
using Spectre.Console;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary>A model's parameters as rows with their sources, as <c>nodesim stacks</c>, <c>soc presets</c> and <c>params</c> print them.</summary>
public static class ParameterRows
{
    /// <summary>
    /// Every parameter of <paramref name="model"/>: its value, and the source of that value in <paramref name="preset"/>
    /// (the registered preset of the same name) when the value is the preset's; "set by this stack" otherwise.
    /// </summary>
    public static IEnumerable<(string Path, Parameter Parameter, string Value, Source Source)> Of<T>(T model, Preset<T>? preset) where T : class, IParameterized
    {
        var defaults = preset?.Values().ToDictionary(v => v.Path, v => v.Value) ?? [];
        foreach (var (path, parameter, owner) in model.Parameters.All(model))
        {
            var value = parameter.Text(owner);
            yield return (path, parameter, value, preset is not null && defaults.GetValueOrDefault(path) == value
                ? preset.SourceOf(path)
                : Source.Assume("set by this stack, not the preset's value"));
        }
    }

    /// <summary>One parameter as a JSON object: name, value, unit, range, whether it can be swept, source; then <paramref name="more"/>.</summary>
    public static Dictionary<string, object?> Json(string path, Parameter p, string value, Source source, bool sweepable = true,
        params (string Key, object? Value)[] more)
    {
        var json = new Dictionary<string, object?>
        {
            ["name"] = path, ["value"] = value, ["unit"] = p.Unit, ["kind"] = p.Kind.ToString().ToLowerInvariant(), ["range"] = p.Range,
            ["min"] = p.Kind == ValueKind.Choice ? null : p.Min, ["max"] = p.Kind == ValueKind.Choice ? null : p.Max,
            ["choices"] = p.Kind == ValueKind.Choice ? p.Choices : null, ["sweepable"] = sweepable && p.Sweepable,
            ["source"] = source.Text, ["source_kind"] = source.Kind.ToString().ToLowerInvariant(), ["assumed"] = source.Assumed,
            ["plausible_low"] = source.Range?.Low, ["plausible_high"] = source.Range?.High, ["description"] = p.Description,
        };
        foreach (var (key, v) in more) json[key] = v;
        return json;
    }

    /// <summary>A table of parameters: name, value with unit, source.</summary>
    public static Table Table(string title, IEnumerable<(string Path, Parameter Parameter, string Value, Source Source)> rows)
    {
        var t = new Table().Title(Terminal.Cell(title)).AddColumn("parameter").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit").AddColumn("source");
        foreach (var (path, p, value, source) in rows)
            t.AddRow(Terminal.Cell(path), Terminal.Cell(value), Terminal.Cell(p.Unit), Terminal.Cell(source.ToString()));
        return t;
    }
}
