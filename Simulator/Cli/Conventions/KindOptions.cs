using System.Globalization;
using NodeSim.Engine;
using NodeSim.Models.Isolation;
using NodeSim.Models.Parameters;
using NodeSim.Models.Registries;
using NodeSim.Models.Network;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Traces.Sources;

namespace NodeSim.Cli.Conventions;

/// <summary>
/// A kind of scenario's parameters given as command-line options (<c>--ranks</c> for <c>ranks</c>):
/// bound onto the kind's defaults as a campaign binds a scenario's values, and resolved by the kind
/// as a campaign's point is, so a command checks what a campaign checks, by the same declarations,
/// and names the option in every problem.
/// </summary>
public sealed class KindOptions(ScenarioKind kind, ModelCatalogue models)
{
    private object _settings = kind.Defaults;
    private readonly Dictionary<string, string> _options = [];

    /// <summary>Sets <paramref name="parameter"/> from the <paramref name="option"/> given (null: not given, the kind's default stays).</summary>
    public KindOptions Set(string parameter, string option, object? value)
    {
        _options[parameter] = option;
        if (value is null) return this;
        var text = value switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        try
        {
            _settings = kind.Parameters.With(_settings, parameter, text);
        }
        catch (ParameterException e)
        {
            throw new UserInputException($"{option}: {e.Message}");
        }
        return this;
    }

    /// <summary>The work the kind resolves from the options under <paramref name="stack"/>, with <paramref name="seed"/>.</summary>
    /// <exception cref="UserInputException">A required option is missing, or the kind refuses the values together.</exception>
    public RunWork Resolve(IsolationStack stack, ulong seed)
    {
        if (kind.Parameters.Parameters.FirstOrDefault(p => p.Required && p.Value(_settings) is null) is { } missing)
            throw new UserInputException($"{_options.GetValueOrDefault(missing.Name, missing.Name)} is required: {missing.Description}" +
                                         (missing.Choices.Count > 0 ? $"; choose from: {string.Join(", ", missing.Choices)}" : ""));
        return kind.Resolve(_settings, new Point(this, stack, seed, models));
    }

    /// <summary>The models the options name, as the command line gives them: registered ones, with no overrides; files relative to the working directory.</summary>
    private sealed class Point(KindOptions options, IsolationStack stack, ulong seed, ModelCatalogue models) : IPointContext
    {
        public ulong Seed => seed;
        public IsolationStack Stack => stack;
        public SocPreset Soc(string preset) => models.Socs.Get(preset).Model;
        public Interconnect Interconnect(string name) => models.Interconnects.Get(name).Model;
        public JobProfile Profile(string name) => models.Profiles.Get(name).Model;

        public WorkloadSource Trace(string spec)
        {
            try
            {
                return WorkloadSource.Parse(spec);
            }
            catch (UserInputException e)
            {
                throw Error("trace", e.Message);
            }
        }

        /// <summary>
        /// Nothing: a check ahead refuses what a long campaign would stop on, but a command runs straight after
        /// resolving and reads its inputs then, as its options say (<c>replay --lenient</c> skips what a check would refuse).
        /// </summary>
        public void CheckOnce(object key, Action check, string parameter)
        {
        }

        public UserInputException Error(string parameter, string problem) => new($"{options._options.GetValueOrDefault(parameter, parameter)}: {problem}");
    }
}
