namespace NodeSim.Tests.Config;

/// <summary>The columns of a run's parameters (runs.csv) follow the kind's declaration, not the campaign file's key order.</summary>
public class ParameterOrderTests
{
    private static IReadOnlyList<string> Columns(string scenarioKeys) => Contexts.Loader.Parse("c.yaml", $$"""
        campaign: c
        scenarios:
          - name: a
            kind: job
            stacks: [native-linux]
        {{scenarioKeys}}
        """).Runs[0].Parameters.Select(p => p.Key).ToList();

    [Test]
    public void AScenariosFixedValuesAreListedInTheKindsOrderWhateverTheFileSays()
    {
        var written = Columns("""
                window_s: 0.1
                ranks: 8
                profile: io
            """);
        var reversed = Columns("""
                profile: io
                ranks: 8
                window_s: 0.1
            """);
        Assert.That(written, Is.EqualTo(reversed));
        var declared = Contexts.BuiltIn.Kinds.Get("job").Parameters.Names.Where(written.Contains).ToList();
        Assert.That(written, Is.EqualTo(declared));
    }
}
