namespace NodeSim.Models.Parameters;

/// <summary>
/// A parameter path or value that does not fit the model, or a model whose values do not fit
/// together (a cache geometry no cache has): what was wrong and what is accepted. Its message is
/// written for the user, whole.
/// </summary>
public class ParameterException(string message) : Exception(message);
