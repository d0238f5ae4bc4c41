using NodeSim.Models.Parameters;

namespace NodeSim.Traces.Edge;

/// <summary>
/// Service time of an LLM inference request from its token counts, for traces that give tokens but
/// not times (the Azure LLM trace): prefill (prompt) time grows with context tokens, decode time
/// with generated tokens, as Splitwise (Patel et al., ISCA'24) characterises the two phases
/// (compute-bound prompt, memory-bound token generation). Its parameters: <see cref="Catalogue"/>.
/// </summary>
public sealed record LlmServiceModel(double PrefillSecondsPerToken = 1e-4, double DecodeSecondsPerToken = 0.025) : IParameterized
{
    public static ParameterSet Catalogue { get; } = ParameterSet.For<LlmServiceModel>("LLM service model")
        .Number("prefill_seconds_per_token", "s", 0, 1, "prompt processing per context token",
            m => m.PrefillSecondsPerToken, (m, v) => m with { PrefillSecondsPerToken = v })
        .Number("decode_seconds_per_token", "s", 0, 10, "time between generated tokens", m => m.DecodeSecondsPerToken, (m, v) => m with { DecodeSecondsPerToken = v })
        .Build();

    /// <summary>The defaults and where they come from.</summary>
    public static readonly Preset<LlmServiceModel> Defaults = new("llm", "LLM request service times from token counts", new LlmServiceModel(),
        new Dictionary<string, Source>
        {
            ["prefill_seconds_per_token"] = Source.Assume("0.1 ms (≈ 10,000 prompt tokens/s): an order of magnitude for a 70B-class model on an 8-GPU server, not a measurement"),
            ["decode_seconds_per_token"] = Source.Assume("25 ms between tokens: likewise an order of magnitude"),
        });

    public ParameterSet Parameters => Catalogue;

    public double ServiceSeconds(int contextTokens, int generatedTokens) =>
        contextTokens * PrefillSecondsPerToken + generatedTokens * DecodeSecondsPerToken;
}
