using System.Text.Json.Nodes;

namespace NodeSim.Config;

/// <summary>The type of a YAML scalar.</summary>
public enum ScalarType { String, Integer, Number, Boolean }

/// <summary>
/// A small schema language for scenario files: the one description from which the validator checks
/// files (unknown keys, types, allowed values, ranges) and <c>nodesim schema</c> writes a JSON Schema.
/// </summary>
public abstract record SchemaNode(string Description)
{
    public abstract JsonObject ToJsonSchema();
}

/// <summary>A scalar, optionally restricted to <paramref name="Allowed"/> values or a range.</summary>
public sealed record ScalarSchema(ScalarType Type, string Description, IReadOnlyList<string>? Allowed = null, double? Min = null, double? Max = null)
    : SchemaNode(Description)
{
    public override JsonObject ToJsonSchema()
    {
        var o = new JsonObject
        {
            ["type"] = Type switch { ScalarType.Integer => "integer", ScalarType.Number => "number", ScalarType.Boolean => "boolean", ScalarType.String => "string" },
            ["description"] = Description,
        };
        if (Allowed is not null) o["enum"] = new JsonArray(Allowed.Select(a => (JsonNode)a).ToArray());
        if (Min is not null) o["minimum"] = Min;
        if (Max is not null) o["maximum"] = Max;
        return o;
    }
}

/// <summary>A list of items.</summary>
public sealed record ListSchema(SchemaNode Item, string Description, int MinItems = 0) : SchemaNode(Description)
{
    public override JsonObject ToJsonSchema() => new()
    {
        ["type"] = "array", ["description"] = Description, ["items"] = Item.ToJsonSchema(), ["minItems"] = MinItems,
    };
}

/// <summary>A mapping with fixed keys; with <paramref name="OtherKeysAreParameters"/>, other keys are parameter names, checked as such.</summary>
public sealed record MapSchema(string Description, IReadOnlyList<Field> Fields, bool OtherKeysAreParameters = false) : SchemaNode(Description)
{
    public Field? this[string key] => Fields.FirstOrDefault(f => f.Name == key);

    public override JsonObject ToJsonSchema() => new()
    {
        ["type"] = "object",
        ["description"] = Description,
        ["additionalProperties"] = false,
        ["required"] = new JsonArray(Fields.Where(f => f.Required).Select(f => (JsonNode)f.Name).ToArray()),
        ["properties"] = new JsonObject(Fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)f.Schema.ToJsonSchema()))),
    };
}

/// <summary>A mapping whose keys are names or parameter paths chosen by the user; <paramref name="Keys"/>, when given, lists the valid ones.</summary>
public sealed record DictionarySchema(SchemaNode Value, string Description, string KeyDescription, IReadOnlyList<string>? Keys = null) : SchemaNode(Description)
{
    public override JsonObject ToJsonSchema()
    {
        var o = new JsonObject
        {
            ["type"] = "object", ["description"] = $"{Description} Keys: {KeyDescription}", ["additionalProperties"] = Value.ToJsonSchema(),
        };
        if (Keys is not null) o["propertyNames"] = new JsonObject { ["enum"] = new JsonArray([.. Keys.Select(k => (JsonNode)k)]) };
        return o;
    }
}

/// <summary>Any of several shapes (a sweep value is a list or a range).</summary>
public sealed record OneOfSchema(string Description, IReadOnlyList<SchemaNode> Options) : SchemaNode(Description)
{
    public override JsonObject ToJsonSchema() => new()
    {
        ["description"] = Description, ["oneOf"] = new JsonArray(Options.Select(o => (JsonNode)o.ToJsonSchema()).ToArray()),
    };
}

/// <summary>A key of a mapping.</summary>
public sealed record Field(string Name, SchemaNode Schema, bool Required = false);
