using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace NodeSim.Cli.Conventions;

/// <summary>Reports how far some work got: how many of how many items are done, and a note on the last.</summary>
public delegate void ProgressReport(int done, int total, string? note);

/// <summary>
/// Progress of long work on standard error: a live bar with the remaining time on a terminal,
/// otherwise (CI, Slurm, pipes) a plain line every 10% or every 15 seconds, whichever comes first.
/// Reports may come from several threads.
/// </summary>
/// <remarks>
/// The remaining time is extrapolated from the items done so far. When the work does its costliest
/// items first (a campaign runs its replays first), that extrapolation is an upper bound, and the
/// plain line says so.
/// </remarks>
public static class ProgressDisplay
{
    public static T Run<T>(string description, int total, Func<ProgressReport, T> work, bool costliestFirst = false)
    {
        if (!Terminal.IsInteractive) return work(PlainLines(description, costliestFirst));
        return Terminal.Error.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1));
                var result = work((done, _, _) => task.Value = done);
                task.StopTask();
                return result;
            });
    }

    private static ProgressReport PlainLines(string description, bool costliestFirst)
    {
        var clock = Stopwatch.StartNew();
        var gate = new object();
        var lastTenth = -1;
        var lastSeconds = 0.0;
        return (done, total, note) =>
        {
            lock (gate)
            {
                var tenth = total == 0 ? 10 : done * 10 / total;
                var seconds = clock.Elapsed.TotalSeconds;
                if (tenth == lastTenth && seconds - lastSeconds < 15 && done != total) return;
                lastTenth = tenth;
                lastSeconds = seconds;
                var eta = done > 0 && done < total
                    ? $", {(costliestFirst ? "at most" : "about")} {seconds / done * (total - done):F0} s left" : "";
                Terminal.Note(string.Create(CultureInfo.InvariantCulture,
                    $"{description}: {done}/{total} ({(total == 0 ? 100 : 100.0 * done / total):F0}%) after {seconds:F1} s{eta}{(note is null ? "" : "; last: " + note)}"));
            }
        };
    }
}
