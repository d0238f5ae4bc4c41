using NodeSim.Models.Costs;
using NodeSim.Models.Isolation;
using NodeSim.Traces.Noise;

namespace NodeSim.Cli.Commands;

/// <summary>The <c>--noise-trace</c> options of a command: a measured trace, how it maps onto the ranks' cores, and whose cores replay it.</summary>
public sealed record MeasuredNoiseOption(MeasuredNoise Noise, string Kernel)
{
    public string Describe => $"{Noise.Mapping.ToString().ToLowerInvariant()}, {(Noise.ReplacesParametric ? "instead of its tick and daemons" : "beside its tick and daemons")}";

    public IsolationStack Apply(IsolationStack stack) => stack.WithMeasuredNoise(Noise, Kernel == "guest");

    /// <summary>The options as given, or null without <c>--noise-trace</c>; the others without it are refused.</summary>
    public static MeasuredNoiseOption? Of(string? trace, string? mapping, string? mode, string? on)
    {
        if (trace is null)
            return (mapping ?? mode ?? on) is null ? null
                : throw new UserInputException("--noise-mapping, --noise-mode and --noise-on describe a measured trace: give it with --noise-trace");
        var how = MeasuredNoise.MappingNamed(mapping)
            ?? throw new UserInputException($"--noise-mapping: '{Models.Printable.Of(mapping!)}' is not a mapping; choose from: {string.Join(", ", MeasuredNoise.Mappings.Select(m => m.Name))}");
        var replaces = mode switch
        {
            null or "replace" => true,
            "add" => false,
            _ => throw new UserInputException($"--noise-mode: '{Models.Printable.Of(mode)}' is not a mode; choose from: replace, add"),
        };
        var kernel = on switch
        {
            null or "primary" => "primary",
            "guest" => "guest",
            _ => throw new UserInputException($"--noise-on: '{Models.Printable.Of(on)}' is not a kernel; choose from: primary, guest"),
        };
        return new MeasuredNoiseOption(NoiseTraceReader.Read(trace).AsKernelNoise(Path.GetFileName(trace), how, replaces), kernel);
    }
}
