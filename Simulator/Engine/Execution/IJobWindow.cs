namespace NodeSim.Engine.Execution;

/// <summary>A simulated window of a job's execution: what <see cref="JobExecution"/> makes its result from.</summary>
internal interface IJobWindow
{
    /// <summary>Runs every iteration; then <see cref="EndNs"/> is the window's length on this stack.</summary>
    /// <param name="progress">Hears how far the window got, from 0 to 1, now and then.</param>
    void Run(Action<double>? progress = null);

    /// <summary>Iterations simulated.</summary>
    int Iterations { get; }

    /// <summary>When the last rank is done.</summary>
    long EndNs { get; }

    /// <summary>When the last rank would be done without noise (this stack's translation and message costs, no detour).</summary>
    long NominalEndNs { get; }

    /// <summary>How far the critical path's end runs behind <see cref="NominalEndNs"/> because of detours (and relays).</summary>
    long CriticalLatenessNs { get; }

    /// <summary>What the critical path's lateness is made of, by cause slot (fractions summing to 1 when it is late).</summary>
    ReadOnlySpan<float> CriticalMakeup();

    /// <summary>Per noise cause slot: what the ranks' own timelines lost to detours, all ranks together (ns).</summary>
    double[] OwnLossNs { get; }

    /// <summary>Messages that crossed nodes, all ranks and iterations together.</summary>
    long MessagesBetweenNodes { get; }

    CoreTimelines Cores { get; }
}
