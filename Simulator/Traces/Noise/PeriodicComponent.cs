using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using MathNet.Numerics.Statistics;

namespace NodeSim.Traces.Noise;

/// <summary>A strictly periodic part of a core's noise (a timer tick): its frequency and the detours it is made of.</summary>
/// <param name="FrequencyHz">1 / the period, fitted by least squares to the starts of its detours against their tick numbers.</param>
/// <param name="Detours">Its detours across the cores it was found on.</param>
/// <param name="Cores">The cores it was found on.</param>
/// <param name="DetoursPerTick">Its detours per tick per core over the trace: 1 for a tick that never misses; above 1 for several trains of one frequency.</param>
public sealed record PeriodicComponent(double FrequencyHz, IReadOnlyList<Detour> Detours, int Cores, double DetoursPerTick)
{
    public double MedianDurationNs => Detours.Select(d => (double)d.DurationNs).Median();

    /// <summary>
    /// The periodic components of <paramref name="trace"/>, strongest first, and the detours that are in none (the rest, for a
    /// Poisson fit). On each core: the detours' starts binned into a count series, its power spectrum (MathNet's FFT); a peak
    /// far above the spectrum's median is a periodic train, taken at its fundamental (a spike train has power at every
    /// harmonic); the detours within a tenth of a period of the train's phase are its own; their period is refined by least
    /// squares; then the search repeats on what is left. Components at one frequency on several cores are merged.
    /// </summary>
    public static (IReadOnlyList<PeriodicComponent> Components, IReadOnlyList<Detour> Others) Find(NoiseTrace trace, int maxComponents = 3)
    {
        var found = new List<(double Hz, List<Detour> Detours, int Core, double DetoursPerTick)>();
        var rest = new List<Detour>();
        foreach (var core in trace.Cores)
        {
            var left = trace.ByCore[core].ToList();
            for (var k = 0; k < maxComponents && left.Count >= 16; k++)
            {
                if (Train(left, trace.Header.DurationNs) is not { } train) break;
                found.Add((train.Hz, train.Members, core, train.Members.Count / (trace.Header.DurationNs / 1e9 * train.Hz)));
                left = train.Others;
            }
            rest.AddRange(left);
        }
        // One component per frequency (within 0.5 %), over the cores that show it.
        var merged = new List<PeriodicComponent>();
        foreach (var group in found.OrderByDescending(f => f.Detours.Count).GroupBy(f => found.First(o => Math.Abs(o.Hz - f.Hz) <= 0.005 * f.Hz).Hz))
        {
            var all = group.ToList();
            var weight = all.Sum(a => a.Detours.Count);
            merged.Add(new PeriodicComponent(all.Sum(a => a.Hz * a.Detours.Count) / weight, [.. all.SelectMany(a => a.Detours)], all.Select(a => a.Core).Distinct().Count(),
                all.Sum(a => a.DetoursPerTick) / all.Select(a => a.Core).Distinct().Count()));
        }
        return ([.. merged.OrderByDescending(m => m.Detours.Count)], rest);
    }

    private static (double Hz, List<Detour> Members, List<Detour> Others)? Train(List<Detour> detours, long spanNs)
    {
        var start = detours[0].StartNs;
        var span = Math.Max(1, detours[^1].StartNs - start);
        // Bins fine enough for a 10 kHz tick's fundamental and up to 2^22 of them.
        var bin = Math.Max(20_000L, span / (1 << 22) + 1);
        var n = 1;
        while (n < span / bin + 1) n <<= 1;
        if (n < 64) return null;
        var series = new Complex[n];
        foreach (var d in detours) series[(d.StartNs - start) / bin] += 1;
        var mean = detours.Count / (double)n;
        for (var i = 0; i < n; i++) series[i] -= mean;
        Fourier.Forward(series, FourierOptions.Matlab);
        var power = new double[n / 2];
        for (var i = 1; i < n / 2; i++) power[i] = series[i].Real * series[i].Real + series[i].Imaginary * series[i].Imaginary;
        var hzPerBin = 1e9 / (bin * (double)n);
        // Frequencies from 1 Hz (a few periods in the trace) up.
        var lowest = Math.Max(1, (int)Math.Ceiling(Math.Max(1, 3e9 / span) / hzPerBin));
        if (lowest >= n / 2 - 1) return null;
        var band = power[lowest..];
        var median = band.Median();
        var peak = lowest + Array.IndexOf(band, band.Max());
        // A Poisson process's spectrum is flat, each bin's power exponential about its mean: its largest of a million bins is
        // about 14 times the median. A periodic train of m detours stands about m times above it.
        if (!(power[peak] > 60 * Math.Max(median, 1e-12))) return null;
        // A spike train has power at every harmonic of its frequency, the strongest wherever the binning favours: its fundamental
        // is the lowest frequency that stands near the peak's power (a fifth of it allows for the spectrum's scalloping loss) and
        // whose train holds. Two trains share harmonics, so a common subharmonic may stand out too: a candidate whose ticks mostly
        // find no detour is passed over for the next.
        // The strongest peaks (a dense background raises many) and the lowest (a fundamental weakened by scalloping among its
        // equally strong harmonics).
        var peaks = Enumerable.Range(lowest, peak - lowest + 1)
            .Where(i => power[i] > 0.2 * power[peak] && power[i] >= power[i - 1] && (i + 1 >= n / 2 || power[i] >= power[i + 1])).ToList();
        var candidates = peaks.OrderByDescending(i => power[i]).Take(48).Union(peaks.Take(16));
        // Of the trains that hold, the lowest in frequency that explains nearly as many detours beyond chance as the best: a
        // harmonic's train holds too (every k-th of its windows holds the timer's detour, the others chance) and may explain as
        // many; a common subharmonic's misses most of its ticks and does not hold.
        var trains = candidates.Select(c => Fit(detours, start, span, 1e9 / (c * hzPerBin))).OfType<(double Hz, List<Detour> Members, List<Detour> Others, double Excess)>().ToList();
        if (trains.Count == 0) return null;
        var most = trains.Max(t => t.Excess);
        var chosen = trains.Where(t => t.Excess >= 0.7 * most).MinBy(t => t.Hz);
        return (chosen.Hz, chosen.Members, chosen.Others);
    }

    /// <summary>
    /// The train of detours near a period's phase, its period refined by least squares; null when it misses most of its ticks, or
    /// holds no more than other detours would put in its windows by chance. A timer fires within microseconds of its tick: the
    /// last window is a tenth of a period, at most 100 µs either side.
    /// </summary>
    private static (double Hz, List<Detour> Members, List<Detour> Others, double Excess)? Fit(List<Detour> detours, long start, long span, double period)
    {
        // The spectrum's period is off by up to half a bin, which drifts over the whole trace by more than a window: the period is
        // refined on a growing part of it — an eighth, a quarter, a half, all — each time with the period the pass before fitted,
        // and a window that narrows from a tenth of a period to 300 µs and then 100 µs either side.
        double[] parts = [0.125, 0.25, 0.5, 1];
        List<Detour> members = [], rest = [];
        for (var pass = 0; pass < parts.Length; pass++)
        {
            var window = pass < 2 ? 0.1 : Math.Min(0.1, (pass == 2 ? 300_000 : 100_000) / period);
            var until = start + (long)(parts[pass] * span);
            (members, rest) = Split(pass < 3 ? detours.Where(d => d.StartNs <= until).ToList() : detours, start, period, window);
            if (members.Count < 8) return null;
            var ticks = members.Select(d => Math.Round((d.StartNs - members[0].StartNs) / period)).ToArray();
            var starts = members.Select(d => (double)d.StartNs).ToArray();
            var fit = MathNet.Numerics.Fit.Line(ticks, starts);
            if (!(fit.B > 0)) return null;
            period = fit.B;
            if (pass < parts.Length - 1) continue;
            // A train that misses half its ticks, or that the trace's detours would fill by chance (a Poisson count's
            // probability of one in a window of 2w, plus three standard deviations), is no timer.
            var expected = span / period;
            // Chance: a window of 2w holds one of the trace's detours (all of them: the timer's own are as likely to fall in a
            // harmonic's windows) with a Poisson count's probability.
            var chance = 1 - Math.Exp(-detours.Count / (double)span * 2 * window * period);
            var excess = members.Count - expected * chance;
            return members.Count >= 0.5 * expected && excess > 3 * Math.Sqrt(expected * chance * (1 - chance)) + 1
                ? (1e9 / period, members, rest, excess) : null;
        }
        return null;
    }

    private static (List<Detour> Members, List<Detour> Others) Split(List<Detour> detours, long start, double period, double window)
    {
        double s = 0, c = 0;
        foreach (var d in detours)
        {
            var phase = 2 * Math.PI * ((d.StartNs - start) % period) / period;
            s += Math.Sin(phase);
            c += Math.Cos(phase);
        }
        var mean = Math.Atan2(s, c) / (2 * Math.PI) * period;
        // Each tick's detour: the one nearest the train's phase, within the window (a share of the period); the others are not the tick's.
        var nearest = new Dictionary<long, (Detour Detour, double Offset)>();
        var rest = new List<Detour>();
        foreach (var d in detours)
        {
            var position = (d.StartNs - start - mean) / period;
            var tick = (long)Math.Round(position);
            var offset = Math.Abs(position - tick);
            if (offset > window) rest.Add(d);
            else if (!nearest.TryGetValue(tick, out var held)) nearest[tick] = (d, offset);
            else if (offset < held.Offset)
            {
                rest.Add(held.Detour);
                nearest[tick] = (d, offset);
            }
            else rest.Add(d);
        }
        rest.Sort((a, b) => a.StartNs.CompareTo(b.StartNs));
        return ([.. nearest.Values.Select(v => v.Detour).OrderBy(d => d.StartNs)], rest);
    }
}
