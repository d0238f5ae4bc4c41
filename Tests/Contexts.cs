using NodeSim.Engine;

namespace NodeSim.Tests;

/// <summary>A run context the model tests share, so each SoC characterisation is simulated once per test run.</summary>
internal static class Contexts
{
    public static readonly RunContext Shared = new();
}
