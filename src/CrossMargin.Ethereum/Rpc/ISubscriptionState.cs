using System.Text.Json;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>What <see cref="EthWebSocketClient"/> needs from a subscription, whatever its item type.</summary>
internal interface ISubscriptionState
{
    /// <summary>The node's id on the current connection (changes on every resubscribe).</summary>
    string? ServerId { get; set; }

    void WriteSubscribeParams(Utf8JsonWriter writer);

    /// <summary>Called on the receive loop: parse and enqueue only, never block.</summary>
    void OnNotification(JsonElement result);

    /// <summary>Connection lost: queue a resync that waits for <see cref="ConfirmResubscribed"/>.</summary>
    void BeginResync();

    /// <summary>Resubscribed on a new connection: the queued resync may now measure the gap.</summary>
    void ConfirmResubscribed();

    /// <summary>Whether the node's head is ahead of what this subscription delivered (watchdog input).</summary>
    bool IsBehind(ulong nodeHead);

    void Start(ulong headAtSubscribe);

    ValueTask StopAsync();
}
