using NodeSim.Models.Workloads;

namespace NodeSim.Engine.Execution;

/// <summary>
/// One round of messages: every message of the round is sent before any is received, so a rank's
/// receives in a round never feed its sends in the same round. A rank sends its messages in the
/// order listed and receives them in the order they arrive. The same pattern serves many rounds
/// (a ring's 2(R − 1) steps are one pattern).
/// </summary>
internal sealed class RoundPattern
{
    public int[] Source { get; }
    public int[] Target { get; }

    /// <summary>Messages by receiver: those to rank r are <c>ByTarget[TargetStart[r] .. TargetStart[r + 1])</c>.</summary>
    public int[] TargetStart { get; }
    public int[] ByTarget { get; }

    /// <summary>Ranks that receive at least one message, ascending.</summary>
    public int[] Receivers { get; }

    public int Messages => Source.Length;

    private byte[]? _crosses;
    private int _crossesFor;

    /// <summary>Per message, 1 when it crosses nodes, 0 when not, as ranks fill nodes of <paramref name="coresPerNode"/> in order (kept for the last node size asked): an index into a round's costs.</summary>
    public byte[] Crosses(int coresPerNode)
    {
        if (_crosses is null || _crossesFor != coresPerNode)
        {
            _crosses = [.. Source.Select((from, m) => (byte)(from / coresPerNode != Target[m] / coresPerNode ? 1 : 0))];
            _crossesFor = coresPerNode;
        }
        return _crosses;
    }

    public RoundPattern(int ranks, IReadOnlyList<(int From, int To)> messages)
    {
        Source = [.. messages.Select(m => m.From)];
        Target = [.. messages.Select(m => m.To)];
        TargetStart = new int[ranks + 1];
        foreach (var to in Target) TargetStart[to + 1]++;
        for (var r = 0; r < ranks; r++) TargetStart[r + 1] += TargetStart[r];
        ByTarget = new int[Target.Length];
        var fill = TargetStart[..^1].ToArray();
        for (var m = 0; m < Target.Length; m++) ByTarget[fill[Target[m]]++] = m;
        Receivers = [.. Enumerable.Range(0, ranks).Where(r => TargetStart[r + 1] > TargetStart[r])];
    }
}

/// <summary>A round as the schedule runs it: a pattern and the bytes of each of its messages.</summary>
internal readonly record struct Round(RoundPattern Pattern, long Bytes);

/// <summary>
/// What a job's ranks send to whom after their compute, round by round: the halo exchange with their
/// grid neighbours (each iteration, if the profile has one) and the global collective (every
/// <see cref="JobProfile.CollectiveEvery"/> iterations), by the algorithm the profile names or MPICH
/// would pick (<see cref="AllreduceSelection"/>). Ranks fill nodes in order, so rank r is on node
/// r / (cores per node).
/// </summary>
internal sealed class CommunicationSchedule
{
    /// <summary>Rounds after every iteration's compute (the halo exchange; none without one).</summary>
    public IReadOnlyList<Round> EveryIteration { get; }

    /// <summary>Rounds of the global collective, after <see cref="EveryIteration"/>'s, every <see cref="CollectiveEvery"/> iterations.</summary>
    public IReadOnlyList<Round> Collective { get; }

    public int CollectiveEvery { get; }

    /// <summary>The halo grid's extent per dimension (empty without a halo).</summary>
    public IReadOnlyList<int> Grid { get; }

    public CommunicationSchedule(JobProfile profile, int ranks, int coresPerNode)
    {
        Grid = profile.HasHalo ? Dims(ranks, profile.HaloDimensions) : [];
        EveryIteration = profile.HasHalo && ranks > 1 ? [new Round(Halo(ranks, Grid), profile.HaloBytes)] : [];
        CollectiveEvery = profile.CollectiveEvery;
        if (profile.Collective == Models.Workloads.Collective.Barrier)
            Collective = Dissemination(ranks, 0);
        else
        {
            var algorithm = AllreduceSelection.Choose(profile.Allreduce, profile.CollectiveBytes, ranks, profile.AllreduceShortBytes);
            Collective = Allreduce(algorithm, ranks, profile.CollectiveBytes, coresPerNode);
        }
    }

    /// <summary>Ranks above which a ring allreduce is refused: its 2(R − 1) rounds per allreduce make a window cost R² per iteration.</summary>
    public const int MaxRingRanks = 4096;

    private static List<Round> Allreduce(AllreduceAlgorithm algorithm, int ranks, long bytes, int coresPerNode) => algorithm switch
    {
        AllreduceAlgorithm.RecursiveDoubling => RecursiveDoubling([.. Enumerable.Range(0, ranks)], ranks, bytes, halving: false),
        AllreduceAlgorithm.Rabenseifner => RecursiveDoubling([.. Enumerable.Range(0, ranks)], ranks, bytes, halving: true),
        AllreduceAlgorithm.Binomial => [.. BinomialReduce([.. Enumerable.Range(0, ranks)], ranks, bytes), .. BinomialBroadcast([.. Enumerable.Range(0, ranks)], ranks, bytes)],
        AllreduceAlgorithm.Ring => Ring(ranks, bytes),
        AllreduceAlgorithm.Hierarchical => Hierarchical(ranks, bytes, coresPerNode),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "auto is resolved before a schedule is built"),
    };

    /// <summary>
    /// Recursive doubling over <paramref name="members"/> (ranks by position): ⌈log₂ p⌉ exchanges with the partner
    /// at distance 2^s, p the largest power of two ≤ n. With <paramref name="halving"/>, Rabenseifner's: a reduce-scatter
    /// by recursive halving (bytes/2, bytes/4, … to bytes/p) and an allgather by recursive doubling (back up to bytes/2).
    /// The n − p members beyond p fold first, as MPICH does: of the first 2(n − p), each even one sends its vector to the
    /// odd one after it and waits; at the end the odd one sends it the result.
    /// </summary>
    private static List<Round> RecursiveDoubling(int[] members, int ranks, long bytes, bool halving)
    {
        var n = members.Length;
        var rounds = new List<Round>();
        if (n <= 1) return rounds;
        var pof2 = 1 << (int)Math.Floor(Math.Log2(n));
        var rem = n - pof2;
        // The members that take part after the fold, by their new rank.
        var active = new int[pof2];
        for (var i = 0; i < n; i++)
        {
            if (i < 2 * rem)
            {
                if (i % 2 == 1) active[i / 2] = members[i];
            }
            else active[i - rem] = members[i];
        }
        if (rem > 0) rounds.Add(new Round(Pattern(ranks, Enumerable.Range(0, rem).Select(k => (members[2 * k], members[2 * k + 1]))), bytes));
        var stages = (int)Math.Log2(pof2);
        RoundPattern Exchange(int step) => Pattern(ranks, Enumerable.Range(0, pof2).Select(i => (active[i], active[i ^ step])));
        if (!halving)
            for (var s = 0; s < stages; s++) rounds.Add(new Round(Exchange(1 << s), bytes));
        else
        {
            // MPICH's recursive halving begins with partners at distance 1 exchanging half the vector; the allgather retraces it.
            for (var s = 0; s < stages; s++) rounds.Add(new Round(Exchange(1 << s), Math.Max(1, bytes >> (s + 1))));
            for (var s = stages - 1; s >= 0; s--) rounds.Add(new Round(Exchange(1 << s), Math.Max(1, bytes >> (s + 1))));
        }
        if (rem > 0) rounds.Add(new Round(Pattern(ranks, Enumerable.Range(0, rem).Select(k => (members[2 * k + 1], members[2 * k]))), bytes));
        return rounds;
    }

    /// <summary>A binomial-tree reduce over <paramref name="members"/> to the first: in round s, member i with bit s its lowest set bit sends to i − 2^s.</summary>
    private static IEnumerable<Round> BinomialReduce(int[] members, int ranks, long bytes)
    {
        var n = members.Length;
        for (var step = 1; step < n; step <<= 1)
        {
            var s = step;
            yield return new Round(Pattern(ranks, Enumerable.Range(0, n).Where(i => i % (2 * s) == s).Select(i => (members[i], members[i - s]))), bytes);
        }
    }

    /// <summary>A binomial-tree broadcast from the first of <paramref name="members"/>: the reduce's rounds backwards, each message the other way.</summary>
    private static IEnumerable<Round> BinomialBroadcast(int[] members, int ranks, long bytes)
    {
        var n = members.Length;
        var top = 1;
        while (top < n) top <<= 1;
        for (var step = top >> 1; step >= 1; step >>= 1)
        {
            var s = step;
            yield return new Round(Pattern(ranks, Enumerable.Range(0, n).Where(i => i % (2 * s) == 0 && i + s < n).Select(i => (members[i], members[i + s]))), bytes);
        }
    }

    /// <summary>A ring: R − 1 steps of reduce-scatter, R − 1 of allgather, each rank sending 1/R of the vector to the next.</summary>
    /// <summary>Why <paramref name="profile"/> cannot run on <paramref name="ranks"/> ranks as a ring allreduce, or null.</summary>
    public static string? RingProblem(JobProfile profile, int ranks) =>
        profile.Collective == Models.Workloads.Collective.Allreduce && profile.Allreduce == AllreduceAlgorithm.Ring ? RingProblem(ranks) : null;

    private static string? RingProblem(int ranks) => ranks <= MaxRingRanks ? null
        : $"a ring allreduce on {ranks:N0} ranks takes {2 * (ranks - 1):N0} rounds per allreduce, which a window cannot simulate in reasonable time: use it on at most {MaxRingRanks:N0} ranks (MPICH never picks it by itself)";

    private static List<Round> Ring(int ranks, long bytes)
    {
        if (RingProblem(ranks) is { } problem) throw new UserInputException(problem);
        if (ranks <= 1) return [];
        var pattern = Pattern(ranks, Enumerable.Range(0, ranks).Select(r => (r, (r + 1) % ranks)));
        var chunk = Math.Max(1, (bytes + ranks - 1) / ranks);
        return [.. Enumerable.Repeat(new Round(pattern, chunk), 2 * (ranks - 1))];
    }

    /// <summary>
    /// Node-aware (MPICH ch4's composition_alpha): a binomial reduce to each node's first rank through shared memory,
    /// recursive doubling among the nodes' first ranks, a binomial broadcast inside each node.
    /// </summary>
    private static List<Round> Hierarchical(int ranks, long bytes, int coresPerNode)
    {
        var nodes = (ranks + coresPerNode - 1) / coresPerNode;
        int[] Node(int n) => [.. Enumerable.Range(n * coresPerNode, Math.Min(coresPerNode, ranks - n * coresPerNode))];
        var rounds = new List<Round>();
        // Every node's intra-node rounds run side by side: merge round k of every node into one round.
        rounds.AddRange(Merge(ranks, Enumerable.Range(0, nodes).Select(n => BinomialReduce(Node(n), ranks, bytes).ToList()), bytes));
        rounds.AddRange(RecursiveDoubling([.. Enumerable.Range(0, nodes).Select(n => n * coresPerNode)], ranks, bytes, halving: false));
        rounds.AddRange(Merge(ranks, Enumerable.Range(0, nodes).Select(n => BinomialBroadcast(Node(n), ranks, bytes).ToList()), bytes));
        return rounds;
    }

    private static IEnumerable<Round> Merge(int ranks, IEnumerable<List<Round>> perNode, long bytes)
    {
        var lists = perNode.ToList();
        var depth = lists.Count == 0 ? 0 : lists.Max(l => l.Count);
        for (var k = 0; k < depth; k++)
        {
            var messages = new List<(int, int)>();
            foreach (var l in lists)
                if (k < l.Count)
                    for (var m = 0; m < l[k].Pattern.Messages; m++) messages.Add((l[k].Pattern.Source[m], l[k].Pattern.Target[m]));
            yield return new Round(Pattern(ranks, messages), bytes);
        }
    }

    /// <summary>The dissemination pattern (a barrier): in round s each rank sends to r + 2^s (mod R).</summary>
    private static List<Round> Dissemination(int ranks, long bytes)
    {
        var rounds = new List<Round>();
        for (var step = 1; step < ranks; step <<= 1)
        {
            var s = step;
            rounds.Add(new Round(Pattern(ranks, Enumerable.Range(0, ranks).Select(r => (r, (r + s) % ranks))), bytes));
        }
        return rounds;
    }

    /// <summary>
    /// A periodic grid's halo exchange: each rank sends to its two neighbours in every dimension of extent above 1 (the
    /// next, then the previous), row-major, the last dimension fastest, as MPI_Cart_create numbers ranks.
    /// </summary>
    private static RoundPattern Halo(int ranks, IReadOnlyList<int> grid)
    {
        var messages = new List<(int, int)>();
        var strides = new int[grid.Count];
        var stride = 1;
        for (var d = grid.Count - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= grid[d];
        }
        for (var r = 0; r < ranks; r++)
            for (var d = 0; d < grid.Count; d++)
            {
                if (grid[d] == 1) continue;
                var coordinate = r / strides[d] % grid[d];
                var up = (coordinate + 1) % grid[d];
                var down = (coordinate - 1 + grid[d]) % grid[d];
                messages.Add((r, r + (up - coordinate) * strides[d]));
                messages.Add((r, r + (down - coordinate) * strides[d]));
            }
        return new RoundPattern(ranks, messages);
    }

    /// <summary>
    /// A balanced grid of <paramref name="dimensions"/> extents whose product is <paramref name="ranks"/> (as MPI_Dims_create):
    /// the prime factors, largest first, each to the dimension with the smallest product so far; extents descending.
    /// </summary>
    public static int[] Dims(int ranks, int dimensions)
    {
        var dims = Enumerable.Repeat(1, dimensions).ToArray();
        var factors = new List<int>();
        var n = ranks;
        for (var p = 2; (long)p * p <= n; p++)
            while (n % p == 0)
            {
                factors.Add(p);
                n /= p;
            }
        if (n > 1) factors.Add(n);
        foreach (var f in factors.OrderByDescending(f => f))
        {
            var smallest = Array.IndexOf(dims, dims.Min());
            dims[smallest] *= f;
        }
        return [.. dims.OrderByDescending(d => d)];
    }

    private static RoundPattern Pattern(int ranks, IEnumerable<(int, int)> messages) => new(ranks, [.. messages]);

    /// <summary>The halo grid's graph distance between two ranks (hops on the periodic grid).</summary>
    public int GridDistance(int a, int b)
    {
        var distance = 0;
        var stride = 1;
        for (var d = Grid.Count - 1; d >= 0; d--)
        {
            var n = Grid[d];
            int ca = a / stride % n, cb = b / stride % n;
            var diff = Math.Abs(ca - cb);
            distance += Math.Min(diff, n - diff);
            stride *= n;
        }
        return distance;
    }
}
