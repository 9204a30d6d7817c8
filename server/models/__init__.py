"""The central store's tables. `tenant_id` leads every primary and unique key, so that
a distributed PostgreSQL (Citus, by tenant) can take over without a schema change."""

from server.db.base import Base
from server.models.audit import AuditEvent
from server.models.bookings import Booking
from server.models.cash import CashClose
from server.models.catalogue import Provider, ProviderHours, ProviderService, Service, TimeOff
from server.models.customers import Customer
from server.models.payments import Payment
from server.models.staff import AuthSession, RotatedRefreshToken, SignInAttempt, StaffUser
from server.models.sync import (
    HubOutbox,
    KioskDevice,
    SyncClient,
    SyncDigest,
    SyncRejection,
    SyncRow,
    TenantVersion,
)
from server.models.tenancy import Location, Tenant
from server.models.waitlist import WaitlistEntry
from server.models.walkins import WalkinCounter, WalkinTicket

# The tables replicas pull from, by the name their rows carry on the wire.
SYNCED: dict[str, type[Base]] = {
    "tenant": Tenant,
    "location": Location,
    "provider": Provider,
    "provider_hours": ProviderHours,
    "time_off": TimeOff,
    "service": Service,
    "provider_service": ProviderService,
    "customer": Customer,
    "booking": Booking,
    "payment": Payment,
    "walkin_ticket": WalkinTicket,
    "waitlist_entry": WaitlistEntry,
    "cash_close": CashClose,
}

__all__ = [
    "SYNCED",
    "AuditEvent",
    "AuthSession",
    "Booking",
    "CashClose",
    "Customer",
    "HubOutbox",
    "KioskDevice",
    "Location",
    "Payment",
    "Provider",
    "ProviderHours",
    "ProviderService",
    "RotatedRefreshToken",
    "Service",
    "SignInAttempt",
    "StaffUser",
    "SyncClient",
    "SyncDigest",
    "SyncRejection",
    "SyncRow",
    "Tenant",
    "TenantVersion",
    "TimeOff",
    "WaitlistEntry",
    "WalkinCounter",
    "WalkinTicket",
]
