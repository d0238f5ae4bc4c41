using NodeSim.Orchestration;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace NodeSim.Cli;

/// <summary>
/// Help whose lists of names and defaults come from the registries, never from text that could
/// drift: an option's description may name a list as <c>{stacks}</c>, <c>{profiles}</c>,
/// <c>{presets}</c>, <c>{interconnects}</c>, <c>{policies}</c>, <c>{backfills}</c>, <c>{kinds}</c>,
/// <c>{backends}</c> or <c>{patterns}</c>, the replay's default mix as <c>{default-mix}</c>, and a kind's default as <c>{job.ranks}</c>; help shows what
/// is registered when it is asked for.
/// </summary>
internal sealed partial class RegistryHelpProvider(ICommandAppSettings settings, Registries registries) : HelpProvider(settings)
{
    /// <summary>Every placeholder and what it stands for, as registered now.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Lists => new Dictionary<string, IReadOnlyList<string>>
    {
        ["{stacks}"] = registries.Models.Stacks.Names,
        ["{profiles}"] = registries.Models.Profiles.Names,
        ["{presets}"] = registries.Models.Socs.Names,
        ["{interconnects}"] = registries.Models.Interconnects.Names,
        ["{policies}"] = registries.Models.QueuePolicies.Names,
        ["{backfills}"] = registries.Models.Backfills.Names,
        ["{kinds}"] = registries.Kinds.Names,
        ["{backends}"] = registries.Backends.Names,
        ["{patterns}"] = [.. Models.Soc.AccessPatterns.Names.Select(n => n.Name)],
        ["{default-mix}"] = [Models.Workloads.WorkloadMix.Default().Text],
    };

    /// <summary><paramref name="text"/> with each list placeholder replaced by its names, "a, b or c", and each default by its value.</summary>
    public string Expand(string text)
    {
        foreach (var (placeholder, names) in Lists)
            if (text.Contains(placeholder, StringComparison.Ordinal))
                text = text.Replace(placeholder, names.Count < 2 ? string.Join("", names) : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}",
                    StringComparison.Ordinal);
        return Default().Replace(text, m => registries.Kinds.Find(m.Groups["kind"].Value) is { } kind
            && kind.Parameters.Parameters.FirstOrDefault(p => p.Name == m.Groups["parameter"].Value) is { } parameter
                ? parameter.Text(kind.Defaults).Trim('(', ')')
                : m.Value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(?<kind>[a-z-]+)\.(?<parameter>[a-z_]+)\}")]
    private static partial System.Text.RegularExpressions.Regex Default();

    public override IEnumerable<IRenderable> GetDescription(ICommandModel model, ICommandInfo? command) =>
        base.GetDescription(model, command is null ? null : new Described(command, this));

    public override IEnumerable<IRenderable> GetOptions(ICommandModel model, ICommandInfo? command) =>
        base.GetOptions(model, command is null ? null : new Described(command, this));

    public override IEnumerable<IRenderable> GetArguments(ICommandModel model, ICommandInfo? command) =>
        base.GetArguments(model, command is null ? null : new Described(command, this));

    /// <summary>A command as help sees it, its descriptions expanded.</summary>
    private sealed class Described(ICommandInfo inner, RegistryHelpProvider help) : ICommandInfo
    {
        public string Name => inner.Name;
        public string? Description => inner.Description is { } d ? help.Expand(d) : null;
        public bool IsBranch => inner.IsBranch;
        public bool IsDefaultCommand => inner.IsDefaultCommand;
        public bool IsHidden => inner.IsHidden;
        public IReadOnlyList<ICommandParameter> Parameters => [.. inner.Parameters.Select(p => p switch
        {
            ICommandOption o => (ICommandParameter)new Option(o, help),
            ICommandArgument a => new Argument(a, help),
            _ => p,
        })];
        public ICommandInfo? Parent => inner.Parent;
        public IReadOnlyList<ICommandInfo> Commands => inner.Commands;
        public ICommandInfo? DefaultCommand => inner.DefaultCommand;
        public IReadOnlyList<string[]> Examples => inner.Examples;
    }

    private sealed class Option(ICommandOption inner, RegistryHelpProvider help) : ICommandOption
    {
        public IReadOnlyList<string> LongNames => inner.LongNames;
        public IReadOnlyList<string> ShortNames => inner.ShortNames;
        public string? ValueName => inner.ValueName;
        public bool ValueIsOptional => inner.ValueIsOptional;
        public bool IsFlag => inner.IsFlag;
        public bool IsRequired => inner.IsRequired;
        public bool IsHidden => inner.IsHidden;
        public string? Description => inner.Description is { } d ? help.Expand(d) : null;
        public System.ComponentModel.DefaultValueAttribute? DefaultValue => inner.DefaultValue;
    }

    private sealed class Argument(ICommandArgument inner, RegistryHelpProvider help) : ICommandArgument
    {
        public string Value => inner.Value;
        public int Position => inner.Position;
        public bool IsFlag => inner.IsFlag;
        public bool IsRequired => inner.IsRequired;
        public bool IsHidden => inner.IsHidden;
        public string? Description => inner.Description is { } d ? help.Expand(d) : null;
        public System.ComponentModel.DefaultValueAttribute? DefaultValue => inner.DefaultValue;
    }
}
