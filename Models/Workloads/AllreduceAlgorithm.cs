namespace NodeSim.Models.Workloads;

/// <summary>How an allreduce moves its data (Thakur, Rabenseifner and Gropp, "Optimization of Collective Communication Operations in MPICH", IJHPCA 2005).</summary>
public enum AllreduceAlgorithm
{
    /// <summary>By message size, as MPICH picks (<see cref="AllreduceSelection"/>).</summary>
    Auto,
    /// <summary>log₂ p exchanges of the whole vector with the partner r ⊕ 2^s, p the largest power of two ≤ R; the R − p ranks beyond p fold into their neighbours first and get the result back last, as MPICH does.</summary>
    RecursiveDoubling,
    /// <summary>Rabenseifner's: a reduce-scatter by recursive halving (partners at distance 1, 2, 4, … exchanging halves, quarters, …), then an allgather by recursive doubling back (2 log₂ p exchanges); the ranks beyond the largest power of two p fold in first and out last.</summary>
    Rabenseifner,
    /// <summary>A binomial-tree reduce to rank 0, then a binomial-tree broadcast from it (2 ⌈log₂ R⌉ rounds; half the ranks idle in each).</summary>
    Binomial,
    /// <summary>A ring: a reduce-scatter of R − 1 steps, then an allgather of R − 1 steps, each moving 1/R of the vector to the next rank.</summary>
    Ring,
    /// <summary>Node-aware: a binomial reduce to each node's first rank through shared memory, recursive doubling among those leaders across the network, a binomial broadcast inside each node (MPICH's ch4 composition_alpha).</summary>
    Hierarchical,
}

/// <summary>The algorithms' names as scenarios write them.</summary>
public static class AllreduceAlgorithms
{
    public static readonly IReadOnlyList<(string Name, AllreduceAlgorithm Value)> Names =
    [
        ("auto", AllreduceAlgorithm.Auto), ("recursive-doubling", AllreduceAlgorithm.RecursiveDoubling), ("rabenseifner", AllreduceAlgorithm.Rabenseifner),
        ("binomial", AllreduceAlgorithm.Binomial), ("ring", AllreduceAlgorithm.Ring), ("hierarchical", AllreduceAlgorithm.Hierarchical),
    ];

    public static string NameOf(AllreduceAlgorithm algorithm) => Names.First(n => n.Value == algorithm).Name;
}

/// <summary>
/// Which algorithm an allreduce uses when the profile says <c>auto</c>: MPICH's rule. MPICH ≥ 3.4 selects
/// collectives from a JSON tree (maint/tuning/coll/mpir/generic.json, unchanged from v3.4 to v5.0): an
/// allreduce of at most 8 bytes, or with fewer elements than the largest power of two ≤ R, uses recursive
/// doubling; a larger one the reduce-scatter + allgather of Rabenseifner. MPICH ≤ 3.3 used the same rule
/// with MPIR_CVAR_ALLREDUCE_SHORT_MSG_SIZE = 2,048 bytes, which <see cref="JobProfile.AllreduceShortBytes"/>
/// can restore. Ring and the node-aware composition are never picked here: MPICH's ch4 device prefers its
/// node-aware composition for commutative operations, which a scenario names as <c>hierarchical</c>.
/// </summary>
public static class AllreduceSelection
{
    /// <summary>MPICH ≥ 3.4's threshold (generic.json: <c>avg_msg_size&lt;=8</c> → recursive doubling).</summary>
    public const int CselShortBytes = 8;

    /// <summary>MPICH ≤ 3.3's MPIR_CVAR_ALLREDUCE_SHORT_MSG_SIZE default (src/mpi/coll/cvars.txt).</summary>
    public const int ClassicShortBytes = 2048;

    /// <summary>Bytes per element the count test assumes (a double).</summary>
    public const int ElementBytes = 8;

    /// <summary>The algorithm an allreduce of <paramref name="bytes"/> on <paramref name="ranks"/> ranks runs.</summary>
    public static AllreduceAlgorithm Choose(AllreduceAlgorithm named, long bytes, int ranks, int shortBytes)
    {
        if (named != AllreduceAlgorithm.Auto) return named;
        var pof2 = ranks <= 1 ? 1 : 1 << (int)Math.Floor(Math.Log2(ranks));
        var count = bytes / ElementBytes;
        return bytes <= shortBytes || count < pof2 ? AllreduceAlgorithm.RecursiveDoubling : AllreduceAlgorithm.Rabenseifner;
    }
}
