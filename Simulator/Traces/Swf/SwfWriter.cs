using System.Globalization;

namespace NodeSim.Traces.Swf;

/// <summary>Writes jobs in the Standard Workload Format: a header of labels, then one job per line, −1 for unknown.</summary>
public static class SwfWriter
{
    public static void Write(TextWriter writer, IEnumerable<KeyValuePair<string, string>> labels, IEnumerable<SwfJob> jobs)
    {
        foreach (var (label, value) in labels) writer.Write($"; {label}: {value}\n");
        foreach (var j in jobs)
        {
            writer.Write(string.Join(' ',
                F(j.JobNumber), F(j.SubmitTime), F(j.WaitTime), F(j.RunTime), F(j.AllocatedProcessors), F(j.AverageCpuTime),
                F(j.UsedMemory), F(j.RequestedProcessors), F(j.RequestedTime), F(j.RequestedMemory), F(j.Status), F(j.UserId),
                F(j.GroupId), F(j.Executable), F(j.Queue), F(j.Partition), F(j.PrecedingJob), F(j.ThinkTime)));
            writer.Write('\n');
        }
    }

    private static string F(double? v) => v is null ? "-1" : v.Value.ToString("0.######", CultureInfo.InvariantCulture);
    private static string F(long? v) => v is null ? "-1" : v.Value.ToString(CultureInfo.InvariantCulture);
}
