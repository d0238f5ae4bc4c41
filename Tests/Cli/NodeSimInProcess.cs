using System.Text;
using NodeSim.Cli;
using NodeSim.Cli.Conventions;
using NodeSim.Files;
using NodeSim.Orchestration;

namespace NodeSim.Tests.Cli;

/// <summary>
/// Runs <c>nodesim</c>'s command line inside the test process, its output captured: for the many
/// checks of help texts and refused input, where starting the program each time would be most of
/// the suite's time. <see cref="NodeSimProcess"/> remains the way to test the program as a user
/// starts it (exit codes from the process, signals, the working directory).
/// </summary>
public static class NodeSimInProcess
{
    public static NodeSimProcess.Result Run(params string[] args) => Run(Contexts.BuiltIn, AtomicFile.Disk, args);

    /// <summary>The command line over a test's own <paramref name="registries"/>, writing through <paramref name="files"/> (a stand-in for a full disk, say).</summary>
    public static NodeSimProcess.Result Run(Registries registries, AtomicFile files, params string[] args)
    {
        using var output = new MemoryStream();
        var error = new StringWriter();
        var code = Terminal.Capture(output, error, () => NodeSimApp.Run(args, registries, files));
        return new NodeSimProcess.Result(code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }
}
