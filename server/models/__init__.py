"""The central store's tables. `tenant_id` leads every primary and unique key, so that
a distributed PostgreSQL (Citus, by tenant) can take over without a schema change."""

from server.models.bookings import Booking
from server.models.catalogue import Provider, ProviderHours, ProviderService, Service, TimeOff
from server.models.customers import Customer
from server.models.payments import Payment
from server.models.staff import AuthSession, StaffUser
from server.models.tenancy import Location, Tenant
from server.models.walkins import WalkinCounter, WalkinTicket

__all__ = [
    "AuthSession",
    "Booking",
    "Customer",
    "Location",
    "Payment",
    "Provider",
    "ProviderHours",
    "ProviderService",
    "Service",
    "StaffUser",
    "Tenant",
    "TimeOff",
    "WalkinCounter",
    "WalkinTicket",
]
