using System.Diagnostics;

namespace NodeSim.Orchestration.Slurm;

/// <summary>Slurm's client commands (sbatch, squeue, sinfo, scontrol) as NodeSim calls them: by name on PATH, output captured.</summary>
public static class SlurmCommands
{
    /// <summary>The full path of <paramref name="command"/> on PATH, or null.</summary>
    public static string? Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists);

    /// <summary>Runs <paramref name="command"/> with <paramref name="args"/>: its exit code, standard output and error.</summary>
    public static (int Code, string Out, string Error) Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(Which(command) ?? throw new UserInputException($"no {command} on PATH: the Slurm backend needs Slurm's client commands"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UserInputException($"{start.FileName}: cannot be started ({e.Message})", e);
        }
        using var _ = p;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Result, error);
    }

    /// <summary>The partitions Slurm knows.</summary>
    public static IReadOnlyList<string> Partitions() =>
        [.. Run("sinfo", "-h", "-o", "%P").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.TrimEnd('*')).Distinct()];

    /// <summary>The cluster's node names.</summary>
    public static IReadOnlyList<string> Nodes() =>
        [.. Run("sinfo", "-h", "-N", "-o", "%N").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    /// <summary>Submits <paramref name="script"/>; its job id.</summary>
    /// <exception cref="UserInputException">sbatch refused it (a partition Slurm rejects, a bad option): its message.</exception>
    public static string Submit(string script)
    {
        var (code, output, error) = Run("sbatch", "--parsable", script);
        if (code != 0) throw new UserInputException($"sbatch refused the job array: {error.Trim()}");
        return output.Trim().Split(';')[0];
    }

    /// <summary>How many of the job's array tasks are still queued or running.</summary>
    public static int Unfinished(string jobId) =>
        Run("squeue", "-h", "-j", jobId, "-r", "-o", "%i").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
