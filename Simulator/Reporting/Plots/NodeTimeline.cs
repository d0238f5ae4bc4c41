using NodeSim.Engine;
namespace NodeSim.Reporting.Plots;

/// <summary>A job drawn on a timeline: the node ranges it held, from start to end.</summary>
public sealed record NodePlacement(JobRecord Job, IReadOnlyList<(int First, int Count)> Ranges);

/// <summary>
/// Places replayed jobs on node numbers for a Gantt chart. The replay allocates node counts, not
/// node numbers, so each job takes the lowest-numbered nodes free at its start (nodes released
/// at the same instant are free again first). Never uses more nodes than were busy at once.
/// </summary>
public static class NodeTimeline
{
    public static List<NodePlacement> Place(IReadOnlyList<JobRecord> jobs)
    {
        var placements = new List<NodePlacement>(jobs.Count);
        var free = new SortedSet<int>();
        var next = 0;   // nodes 0..next-1 exist
        var running = new PriorityQueue<int[], (double End, int Order)>();
        var order = 0;
        // Stable order: by start time, then as given.
        foreach (var job in jobs.Select((j, i) => (j, i)).OrderBy(x => x.j.StartS).ThenBy(x => x.i).Select(x => x.j))
        {
            // Times are whole nanoseconds written as seconds: a job that ends as another starts frees its nodes first.
            while (running.TryPeek(out _, out var top) && top.End <= job.StartS + 0.5e-9)
                foreach (var node in running.Dequeue()) free.Add(node);
            var nodes = new int[job.Nodes];
            for (var k = 0; k < nodes.Length; k++)
            {
                if (free.Count > 0)
                {
                    nodes[k] = free.Min;
                    free.Remove(nodes[k]);
                }
                else
                {
                    nodes[k] = next++;
                }
            }
            Array.Sort(nodes);
            running.Enqueue(nodes, (job.EndS, order++));
            placements.Add(new NodePlacement(job, Ranges(nodes)));
        }
        return placements;
    }

    /// <summary>Sorted node numbers as maximal runs of consecutive numbers.</summary>
    private static List<(int First, int Count)> Ranges(int[] sorted)
    {
        var ranges = new List<(int, int)>();
        for (var i = 0; i < sorted.Length;)
        {
            var j = i + 1;
            while (j < sorted.Length && sorted[j] == sorted[j - 1] + 1) j++;
            ranges.Add((sorted[i], j - i));
            i = j;
        }
        return ranges;
    }
}
