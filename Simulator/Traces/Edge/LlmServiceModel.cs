namespace NodeSim.Traces.Edge;

/// <summary>
/// Service time of an LLM inference request from its token counts, for traces that give tokens but
/// not times (the Azure LLM trace): prefill (prompt) time grows with context tokens, decode time
/// with generated tokens, as Splitwise (Patel et al., ISCA'24) characterises the two phases
/// (compute-bound prompt, memory-bound token generation).
/// </summary>
/// <param name="PrefillSecondsPerToken">Prompt processing per context token. Default 0.1 ms (≈ 10,000 prompt tokens/s):
/// an assumed order of magnitude for a 70B-class model on an 8-GPU server, not a measurement; set it for the hardware modelled.</param>
/// <param name="DecodeSecondsPerToken">Time between generated tokens. Default 25 ms: likewise an assumed order of magnitude.</param>
public sealed record LlmServiceModel(double PrefillSecondsPerToken = 1e-4, double DecodeSecondsPerToken = 0.025)
{
    public double ServiceSeconds(int contextTokens, int generatedTokens) =>
        contextTokens * PrefillSecondsPerToken + generatedTokens * DecodeSecondsPerToken;
}
