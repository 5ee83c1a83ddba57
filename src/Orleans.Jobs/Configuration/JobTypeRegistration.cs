namespace Orleans.Jobs.Configuration;

/// <summary>A job type registered in a silo under a name.</summary>
/// <param name="Name">The name job definitions refer to, e.g. <c>offline_store_import</c>.</param>
/// <param name="JobType">The class implementing <see cref="IJob"/>.</param>
public sealed record JobTypeRegistration(string Name, Type JobType);
