using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NodeSim.Config;

/// <summary>Errors in scenario files that point at the file, line and column, and the key path.</summary>
public static class YamlErrors
{
    public static UserInputException At(string file, YamlNode node, string path, string problem) =>
        At(file, node.Start, path, problem);

    public static UserInputException At(string file, Mark mark, string path, string problem) =>
        new($"{file}:{mark.Line}:{mark.Column}: {(path.Length > 0 ? path + ": " : "")}{problem}");
}

/// <summary>Reading a mapping's keys.</summary>
internal static class YamlNodes
{
    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode k && k.Value == key).Value;

    /// <summary>The single value under <paramref name="key"/>, or null.</summary>
    public static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    /// <summary>The keys of a mapping, in the file's order (the schema has checked that they are plain names).</summary>
    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map) =>
        map.Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, kv.Key, kv.Value));
}
