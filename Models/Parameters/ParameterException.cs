namespace NodeSim.Models.Parameters;

/// <summary>
/// A parameter path or value that does not fit the model, or a model whose values do not fit
/// together (a cache geometry no cache has): what was wrong and what is accepted. Its message is
/// written for the user, whole.
/// </summary>
public class ParameterException(string message) : Exception(message);

/// <summary>
/// A path through a group the model does not have, e.g. <c>hypervisor.world_switch_cycles</c> on a
/// bare-metal stack: the parameter exists, just not on this model.
/// </summary>
public sealed class AbsentGroupException(string message, string group) : ParameterException(message)
{
    /// <summary>The group that is absent, e.g. <c>hypervisor</c>.</summary>
    public string Group { get; } = group;
}
