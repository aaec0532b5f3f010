from enum import StrEnum


class PaymentProvider(StrEnum):
    FAWRY = "fawry"
    PAYMOB = "paymob"
    STRIPE = "stripe"

    def __str__(self) -> str:
        return str(self.value)
