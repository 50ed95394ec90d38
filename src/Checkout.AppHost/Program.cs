using Checkout.AppHost;
using Microsoft.Extensions.Configuration;

// Development only: the whole system and the dashboard, in one command. The tests host each program directly instead.
var builder = DistributedApplication.CreateBuilder(args);

// The Klarna emulator (src/Checkout.Sandbox) on 5090: Klarna's APIs, the purchase journey and the sandbox acquirer.
var emulator = builder.AddKlarnaEmulator(builder.Configuration.GetValue("Ports:Emulator", 5090));

// The checkout (src/Checkout.Web) on 5080, pointed at the emulator with the development keys, once the emulator answers.
// CheckoutDatabase: its SQLite connection string (default: checkout.db beside the app, as under dotnet run).
var checkout = builder.AddCheckout(builder.Configuration.GetValue("Ports:Checkout", 5080), emulator, builder.Configuration["CheckoutDatabase"]);

// --Postgres true (Docker or Podman needed): PostgreSQL in a container and two checkout instances behind the one port.
if (builder.Configuration.GetValue<bool>("Postgres"))
{
    checkout.OnPostgres(builder.AddPostgres("postgres").AddDatabase("checkout-db"), instances: 2);
}

// The sample store (samples/Storefront) on 5070: it opens checkout sessions with the merchant API key and gets the
// checkout's signed events, with the secret both are given here.
builder.AddStorefront(builder.Configuration.GetValue("Ports:Store", 5070)).AsStoreOf(checkout);

builder.Build().Run();
