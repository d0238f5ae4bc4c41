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
