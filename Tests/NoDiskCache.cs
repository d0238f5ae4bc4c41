namespace NodeSim.Tests;

/// <summary>
/// The tests run with the job-window disk cache off (<c>NODESIM_CACHE_DIR=off</c>, inherited by the programs they start): a test's
/// timing and result must not depend on what an earlier run left in the machine's cache, nor fill it. The cache's own tests give it
/// a directory of theirs.
/// </summary>
[SetUpFixture]
public sealed class NoDiskCache
{
    [OneTimeSetUp]
    public void TurnOff() => Environment.SetEnvironmentVariable("NODESIM_CACHE_DIR", "off");
}
