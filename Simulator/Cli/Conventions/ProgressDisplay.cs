using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace NodeSim.Cli.Conventions;

/// <summary>Reports how far some work got: how many of how many items are done, and a note on the last.</summary>
public delegate void ProgressReport(int done, int total, string? note);

/// <summary>
/// Progress of long work on standard error: a live bar with the remaining time on a terminal,
/// otherwise (CI, Slurm, pipes) a plain line every 10% or every 15 seconds, whichever comes first.
/// Reports may come from several threads. The remaining time always comes from the progress measured so far.
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
                var task = context.AddTask(Markup.Escape(Models.Printable.Of(description, 80)), maxValue: Math.Max(total, 1));
                var result = work((done, _, _) => task.Value = done);
                task.StopTask();
                return result;
            });
    }

    /// <summary>
    /// Runs one long piece of work that reports how far it got (0 to 1) and shows its progress, with the remaining time
    /// extrapolated from the progress measured so far — but only once it has run for <paramref name="quietSeconds"/>: a
    /// short run prints nothing more than its result.
    /// </summary>
    public static T Fraction<T>(string description, Func<Action<double>, T> work, double quietSeconds = 1)
    {
        double done = 0;
        var clock = Stopwatch.StartNew();
        var task = Task.Run(() => work(f => Volatile.Write(ref done, f)));
        if (Task.WaitAny([task], TimeSpan.FromSeconds(quietSeconds)) == 0) return task.GetAwaiter().GetResult();
        const int steps = 1000;
        var poll = TimeSpan.FromMilliseconds(200);
        if (Terminal.IsInteractive)
            Terminal.Error.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var bar = context.AddTask(Markup.Escape(Models.Printable.Of(description, 80)), maxValue: steps);
                    while (Task.WaitAny([task], poll) != 0) bar.Value = steps * Volatile.Read(ref done);
                    bar.Value = steps;
                    bar.StopTask();
                });
        else
        {
            var report = PlainLines(description, costliestFirst: false, counts: false, clock);
            while (Task.WaitAny([task], poll) != 0) report((int)(steps * Volatile.Read(ref done)), steps, null);
            report(steps, steps, null);
        }
        return task.GetAwaiter().GetResult();
    }

    private static ProgressReport PlainLines(string description, bool costliestFirst, bool counts = true, Stopwatch? started = null)
    {
        var clock = started ?? Stopwatch.StartNew();
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
                var share = total == 0 ? 100 : 100.0 * done / total;
                Terminal.Note(counts
                    ? string.Create(CultureInfo.InvariantCulture, $"{description}: {done}/{total} ({share:F0}%) after {seconds:F1} s{eta}{(note is null ? "" : "; last: " + note)}")
                    : string.Create(CultureInfo.InvariantCulture, $"{description}: {share:F0}% after {seconds:F1} s{eta}"));
            }
        };
    }
}
