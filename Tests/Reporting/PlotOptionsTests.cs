using NodeSim.Reporting;
using NodeSim.Reporting.Plots;
using NodeSim.Tests.Cli;
using NodeSim.Tests.Engine;

namespace NodeSim.Tests.Reporting;

/// <summary>The reader's choices for figures (<c>nodesim plot</c>'s options) and the rules they steer: scale, size, formats, stacks.</summary>
public class PlotOptionsTests
{
    [TestCase(new[] { 0.003, 30.0 }, AxisScale.Auto, true)]
    [TestCase(new[] { 1.0, 50.0 }, AxisScale.Auto, false)]
    [TestCase(new[] { 0.0, 0.5, 40.0 }, AxisScale.Auto, false)]   // zeros do not count toward the span
    [TestCase(new[] { 0.003, 30.0 }, AxisScale.Linear, false)]
    [TestCase(new[] { 1.0, 2.0 }, AxisScale.Log, true)]
    [TestCase(new[] { 0.0, -1.0 }, AxisScale.Log, false)]   // nothing to draw on a log axis
    public void AnAxisIsLogPastAHundredfoldSpanOrAsTold(double[] values, AxisScale scale, bool log) =>
        Assert.That(ValueAxis.UseLog(values, scale), Is.EqualTo(log));

    [TestCase(1024.0, "1,024")]
    [TestCase(0.25, "0.25")]
    [TestCase(0.001, "0.001")]
    [TestCase(16384.0, "16,384")]
    [TestCase(1e-9, "1E-9")]
    [TestCase(-2.5, "−2.5")]   // a true minus sign, as typeset
    public void TicksReadInOneNumberStyle(double value, string text) => Assert.That(NumberText.Tick(value), Is.EqualTo(text));

    [Test]
    public void SizesAndFormatsAreReadOrRefusedWithWhatIsExpected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FigureSize.Parse("column", "--size"), Is.EqualTo(FigureSize.Column));
            Assert.That(FigureSize.Parse("6x3.5", "--size").WidthPoints, Is.EqualTo(432f));
            Assert.That(() => FigureSize.Parse("6 by 3", "--size"), Throws.TypeOf<UserInputException>().With.Message.Contains("expected `wide`"));
            Assert.That(() => FigureSize.Parse("100x3", "--size"), Throws.TypeOf<UserInputException>().With.Message.Contains("width 2–20"));
            Assert.That(FigureFormats.Parse("pdf, png", "--format"), Is.EqualTo(new[] { FigureFormat.Png, FigureFormat.Pdf }), "in one order, the PNG first");
            Assert.That(() => FigureFormats.Parse("png,jpg", "--format"), Throws.TypeOf<UserInputException>().With.Message.Contains("unknown format `jpg`"));
            Assert.That(() => FigureFormats.Parse("1", "--format"), Throws.TypeOf<UserInputException>());
        });
    }

    [Test]
    public void ALegendListsTenEntriesAtMostAndSaysHowManyMore()
    {
        var legend = new LegendStrip(504, 8);
        for (var i = 0; i < 14; i++) legend.Add(LegendEntry.Box($"series {i}", ScottPlot.Colors.Red));
        Assert.That(legend.Entries, Has.Count.EqualTo(LegendStrip.MaxEntries));
        Assert.That(legend.Entries[^1].Label, Is.EqualTo("… and 5 more (see summary.md)"));
        Assert.That(legend.Entries[^2].Label, Is.EqualTo("series 8"));
    }

    [Test]
    public void PlotRedrawsInTheFormatsSizeAndStacksAskedForAndRefusesBadOptions()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        Assert.That(NodeSimInProcess.Run("run", dir.File("c.yaml", CampaignRunnerTests.Small), "--out", output).ExitCode, Is.Zero);
        var plots = Path.Combine(output, "plots");
        var redraw = NodeSimInProcess.Run("plot", output, "--format", "pdf", "--size", "column", "--stacks", "native-linux", "--log-y", "--json");
        Assert.That(redraw.ExitCode, Is.Zero, redraw.Stderr);
        var pdfs = Directory.GetFiles(plots, "*.pdf");
        Assert.Multiple(() =>
        {
            Assert.That(pdfs, Is.Not.Empty);
            Assert.That(pdfs.All(p => File.ReadAllBytes(p).AsSpan(0, 5).SequenceEqual("%PDF-"u8)), Is.True, "PDF files");
            Assert.That(Directory.GetFiles(plots, "*.png"), Is.Empty, "a redraw in PDF leaves no stale PNG of NodeSim's");
            Assert.That(pdfs.Select(Path.GetFileName), Has.None.Contains("hafnium-kitten"), "only the stacks asked for");
            Assert.That(File.ReadAllText(Path.Combine(output, "summary.md")), Does.Contain(".pdf)"));
        });
        foreach (var (args, message) in new[]
                 {
                     (new[] { "--size", "huge" }, "--size huge: expected `wide`"),
                     (new[] { "--stacks", "hafnium-kiten" }, "--stacks: unknown stack of this run 'hafnium-kiten' (did you mean 'hafnium-kitten'?)"),
                     (new[] { "--log-y", "--linear-y" }, "--log-y and --linear-y: choose one"),
                     (new[] { "--format", "gif" }, "--format gif: unknown format `gif`"),
                 })
        {
            var bad = NodeSimInProcess.Run(["plot", output, .. args]);
            Assert.That(bad.ExitCode, Is.EqualTo(2), string.Join(" ", args));
            Assert.That(bad.Stderr, Does.Contain(message));
            Assert.That(bad.Stderr, Does.Not.Contain("USAGE"), "an error is not followed by the help");
        }
    }
}
