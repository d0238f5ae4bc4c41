using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace NodeSim.Cli.Conventions;

/// <summary>Reports how far some work got: how many of how many items are done, a note on the last, and the share of the work done (by the items' cost estimates; null: by their count).</summary>
public delegate void ProgressReport(int done, int total, string? note, double? workDone = null);

/// <summary>
/// Progress of long work on standard error: a live bar with the remaining time on a terminal,
/// otherwise (CI, Slurm, pipes) a plain line every 10%, and between them one every 2 seconds for the first
/// half minute and every 15 seconds after, so that a run is never silent at its start.
/// Reports may come from several threads.
/// </summary>
/// <remarks>
/// The remaining time is the time taken so far times the work left over the work done, the work measured by the items' cost
/// estimates where the work gives them (a campaign's runs differ in cost by orders of magnitude, and it runs the costliest
/// first), by their count otherwise. Before the first item ends there is nothing to extrapolate from, and the line says so.
/// </remarks>
public static class ProgressDisplay
{
    public static T Run<T>(string description, int total, Func<ProgressReport, T> work)
    {
        if (!Terminal.IsInteractive)
        {
            var lines = PlainLines(description);
            // Between reports (a long run in progress), the same line again on the clock.
            using var heartbeat = new Timer(_ => lines.Heartbeat(), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
            return work(lines.Report);
        }
        const int steps = 10_000;
        return Terminal.Error.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                // The bar measures work, so its remaining time is extrapolated from the cost done, not the count.
                var task = context.AddTask(Markup.Escape(Models.Printable.Of(description, 80)), maxValue: steps);
                var result = work((done, all, _, share) => task.Value = steps * (share ?? (all == 0 ? 1 : (double)done / all)));
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
            var report = PlainLines(description, counts: false, clock).Report;
            while (Task.WaitAny([task], poll) != 0) report((int)(steps * Volatile.Read(ref done)), steps, null);
            report(steps, steps, null);
        }
        return task.GetAwaiter().GetResult();
    }

    private static PlainProgress PlainLines(string description, bool counts = true, Stopwatch? started = null) =>
        new(description, counts, started ?? Stopwatch.StartNew());

    /// <summary>Plain progress lines: one per tenth of the work, and one on the clock between them (<see cref="Heartbeat"/>).</summary>
    private sealed class PlainProgress(string description, bool counts, Stopwatch clock)
    {
        private readonly object gate = new();
        private int lastTenth = -1, done, total;
        private double lastSeconds, share;
        private string? note;

        public void Report(int done, int total, string? note, double? workDone = null)
        {
            lock (gate)
            {
                (this.done, this.total, this.note) = (done, total, note);
                share = workDone ?? (total == 0 ? 1 : (double)done / total);
                var tenth = total == 0 ? 10 : done * 10 / total;
                if (tenth == lastTenth && !Due() && done != total) return;
                lastTenth = tenth;
                Print();
            }
        }

        /// <summary>The last report again, when a line is due on the clock.</summary>
        public void Heartbeat()
        {
            lock (gate)
                if (total > 0 && done < total && Due()) Print();
        }

        private bool Due()
        {
            var seconds = clock.Elapsed.TotalSeconds;
            return seconds - lastSeconds >= (seconds < 30 ? 2 : 15);
        }

        private void Print()
        {
            var seconds = clock.Elapsed.TotalSeconds;
            lastSeconds = seconds;
            var eta = done >= total ? "" : share > 0 ? $", about {Duration(seconds * (1 - share) / share)} left" : ", estimating the time left once a run ends";
            var percent = total == 0 ? 100 : 100.0 * done / total;
            Terminal.Note(counts
                ? string.Create(CultureInfo.InvariantCulture, $"{description}: {done}/{total} ({percent:F0}%) after {seconds:F1} s{eta}{(note is null ? "" : "; last: " + note)}")
                : string.Create(CultureInfo.InvariantCulture, $"{description}: {percent:F0}% after {seconds:F1} s{eta}"));
        }

        private static string Duration(double seconds) => seconds < 120
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s")
            : seconds < 7200 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min") : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h");
    }
}
