namespace PatCode.Sdk;

/// <summary>
/// The base class of every PatCode plugin. The host creates one instance per loaded plugin, calls
/// <see cref="OnLoadAsync"/> once, then for each user message <see cref="CanHandle"/> and, when that
/// returns <see langword="true"/>, <see cref="ExecuteAsync"/>; <see cref="OnUnloadAsync"/> runs before the
/// plugin is unloaded. It is an abstract class rather than an interface so members can be added in a
/// minor SDK version without breaking existing plugins.
/// </summary>
public abstract class Plugin
{
    private PluginMetadata? _metadata;

    /// <summary>The metadata declared by this type's <see cref="PatCodePluginAttribute"/>.</summary>
    public PluginMetadata Metadata => _metadata ??= PluginMetadata.FromType(GetType());

    /// <summary>
    /// Slash commands this plugin provides, such as <c>/git</c>. Names are given without the slash.
    /// The host refuses a name that clashes with its own commands or another plugin's.
    /// </summary>
    public virtual IReadOnlyList<PluginCommand> Commands => [];

    /// <summary>
    /// Whether this plugin wants to act on the message. It must be cheap and must not block: it runs for
    /// every message, on the caller's thread.
    /// </summary>
    /// <param name="context">The message and what the chain has gathered so far.</param>
    /// <returns><see langword="true"/> to have <see cref="ExecuteAsync"/> called.</returns>
    public virtual bool CanHandle(PluginContext context) => true;

    /// <summary>
    /// Acts on the message, usually by adding context sections through <see cref="PluginContext.AddSection"/>.
    /// The host cancels <paramref name="cancellationToken"/> when the plugin's time budget runs out and
    /// then stops waiting for it.
    /// </summary>
    /// <param name="context">The message and what the chain has gathered so far.</param>
    /// <param name="cancellationToken">Cancelled on timeout or when the user cancels the turn.</param>
    /// <returns>The outcome; <see cref="PluginResult.ShouldContinue"/> = <see langword="false"/> stops the chain.</returns>
    public abstract Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken);

    /// <summary>Runs once after the plugin is created and before it first handles a message.</summary>
    /// <param name="cancellationToken">Cancelled when loading takes too long.</param>
    /// <returns>A task that completes when the plugin is ready.</returns>
    public virtual Task OnLoadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs once before the plugin is unloaded. Release everything here (timers, event handlers, static
    /// caches): anything left referenced keeps the plugin's code in memory.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when unloading takes too long.</param>
    /// <returns>A task that completes when the plugin has let go of its resources.</returns>
    public virtual Task OnUnloadAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
