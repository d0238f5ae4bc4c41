namespace NodeSim.Kernel;

/// <summary>
/// A store or container operation that may wait in line. Cancelling it, or abandoning it (the one
/// process waiting for it was interrupted), withdraws it from the line unless it has happened.
/// </summary>
public abstract class QueuedOperation : Event
{
    private bool _withdrawn;

    private protected QueuedOperation(Simulation simulation) : base(simulation) { }

    /// <summary>Withdraws the operation if it is still waiting.</summary>
    public void Cancel()
    {
        if (IsTriggered || _withdrawn) return;
        _withdrawn = true;
        Withdraw();
    }

    /// <summary>Takes the operation out of its line (called once, while it is still waiting).</summary>
    private protected abstract void Withdraw();

    internal override void OnAbandoned() => Cancel();
}
