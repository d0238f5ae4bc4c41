using NodeSim.Config;
using NodeSim.Engine;
using NodeSim.Files;
using NodeSim.Hosting;
using NodeSim.Models.Registries;
using NodeSim.Orchestration;

namespace NodeSim.Tests;

/// <summary>What the tests share: a run context, so each SoC characterisation is simulated once per test run, and NodeSim's built-in registries.</summary>
internal static class Contexts
{
    public static readonly RunContext Shared = new();

    /// <summary>NodeSim's registries as the program builds them, frozen: tests that register anything build their own.</summary>
    public static readonly Registries BuiltIn = BuiltIns.Registries().Freeze();

    /// <summary>The built-in models.</summary>
    public static ModelCatalogue Models => BuiltIn.Models;

    /// <summary>Reads campaigns against the built-in registries.</summary>
    public static CampaignLoader Loader => BuiltIn.Loader;
}
