using System.Diagnostics;
using System.Text.Json;

namespace NodeSim.Tests.Cli;

/// <summary>Runs the built <c>nodesim</c> program as a user would, capturing its output and exit code.</summary>
public static class NodeSimProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    }

    public static Result Run(params string[] args) => RunIn(null, args);

    /// <summary>Starts <c>nodesim</c> without waiting for it, e.g. to kill it part-way; each line it writes to standard error goes to <paramref name="stderr"/>.</summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, Action<string>? stderr, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = false, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(NodeSim.Cli.NodeSimApp).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) stderr?.Invoke(line.Data); };
        process.BeginErrorReadLine();
        return process;
    }

    public static Result RunIn(string? workingDirectory, params string[] args) => RunWith(workingDirectory, null, args);

    /// <summary>Runs <c>nodesim</c> in <paramref name="workingDirectory"/> with <paramref name="environment"/> added to (or replacing in) its environment.</summary>
    public static Result RunWith(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var program = typeof(NodeSim.Cli.NodeSimApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add(program);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
