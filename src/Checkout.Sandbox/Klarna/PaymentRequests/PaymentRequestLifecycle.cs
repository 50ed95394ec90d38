using Checkout.Sandbox.Klarna.CustomerTokens;
using Checkout.Sandbox.Klarna.Webhooks;

namespace Checkout.Sandbox.Klarna.PaymentRequests;

/// <summary>
/// The only place a payment request changes state. Every change happens under the record's lock and
/// enqueues its webhook there, so a request's events leave in the order they happened.
/// </summary>
internal sealed class PaymentRequestLifecycle(
    PaymentRequestStore store, NetworkSessionTokens sessionTokens, CustomerTokenRegistry customerTokens, WebhookQueue webhooks, TimeProvider time)
{
    public const string DeniedEmail = "customer+us+denied@klarna.com";
    public const string DefaultApprovedEmail = "customer+us@klarna.com";

    public void Register(PaymentRequestRecord record)
    {
        lock (record)
        {
            store.Add(record);
            webhooks.Enqueue(record);
        }
    }

    public PaymentRequestRecord? Find(Guid id) => store.Find(id);

    public PaymentRequestView Read(PaymentRequestRecord record)
    {
        lock (record)
        {
            ExpireIfOverdue(record);
            return PaymentRequestView.Of(record);
        }
    }

    /// <summary>The shopper opened the purchase journey.</summary>
    public void Open(PaymentRequestRecord record)
    {
        lock (record)
        {
            ExpireIfOverdue(record);
            if (record.State == PaymentRequestState.Submitted)
            {
                MoveTo(record, PaymentRequestState.InProgress);
            }
        }
    }

    /// <summary>The shopper approved; the denied test email declines. False when the request is already final.</summary>
    public bool Approve(PaymentRequestRecord record, string email)
    {
        lock (record)
        {
            Open(record);
            if (PaymentRequestState.IsFinal(record.State))
            {
                return false;
            }

            if (string.Equals(email.Trim(), DeniedEmail, StringComparison.OrdinalIgnoreCase))
            {
                MoveTo(record, PaymentRequestState.Declined);
                return true;
            }

            record.SessionToken = sessionTokens.Issue(record.Id);
            if (record.WantsCustomerToken)
            {
                record.CustomerToken = customerTokens.Issue(record.RequestCustomerToken, record.CustomerTokenReference, email);
            }

            MoveTo(record, PaymentRequestState.Completed);
            return true;
        }
    }

    public bool Decline(PaymentRequestRecord record) => Finish(record, PaymentRequestState.Declined, openFirst: true);

    /// <summary>The shopper aborted, or the merchant deleted the request.</summary>
    public bool Cancel(PaymentRequestRecord record, bool byShopper) =>
        Finish(record, PaymentRequestState.Canceled, openFirst: byShopper);

    public void ExpireOverdue()
    {
        foreach (var record in store.All)
        {
            lock (record)
            {
                ExpireIfOverdue(record);
            }
        }
    }

    private bool Finish(PaymentRequestRecord record, string finalState, bool openFirst)
    {
        lock (record)
        {
            if (openFirst)
            {
                Open(record);
            }

            ExpireIfOverdue(record);
            if (PaymentRequestState.IsFinal(record.State))
            {
                return false;
            }

            MoveTo(record, finalState);
            return true;
        }
    }

    private void ExpireIfOverdue(PaymentRequestRecord record)
    {
        if (!PaymentRequestState.IsFinal(record.State) && time.GetUtcNow() >= record.ExpiresAt)
        {
            MoveTo(record, PaymentRequestState.Expired);
        }
    }

    private void MoveTo(PaymentRequestRecord record, string state)
    {
        record.PreviousState = record.State;
        record.State = state;
        record.UpdatedAt = time.GetUtcNow();
        webhooks.Enqueue(record);
    }
}
