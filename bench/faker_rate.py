#!/usr/bin/env python3
"""Rate of a Python Faker seed script generating the generator's six source tables, for comparison.

Written the way a seed script usually is: rows are dicts built field by field with Faker calls (names, e-mails,
addresses, phone numbers, dates, amounts, choices), in the source model of the generator (stores, customers,
products, orders, order_items, payments, same columns), in about the same mix as the generator's output (orders
placed with their lines and payments, later status changes of earlier orders repeated as order rows, refunds),
and each row is serialized as the generator's NDJSON line {"table": ..., "row": {...}} into a sink that keeps
only the byte count, as the Java benchmark writes into a null sink.

Usage: /usr/bin/python3 bench/faker_rate.py [rows=100000] [seed=42]
Prints one line on stdout: faker rows/s=<number>   (details go to stderr).
Exits with 2 and a reason on stderr when Faker is missing (Debian: apt-get install python3-fake-factory).
"""
import json
import sys
import time
from datetime import timedelta

try:
    from faker import Faker
except ImportError as e:  # the benchmark reports this instead of a rate
    sys.stderr.write("Python Faker is not installed for %s (%s); on Debian: apt-get install python3-fake-factory\n"
                     % (sys.executable, e))
    sys.exit(2)

CHANNELS = ["store", "web", "mobile"]
METHODS = {"store": ["card", "cash", "gift_card"], "web": ["card", "paypal", "gift_card"],
           "mobile": ["card", "paypal", "gift_card"]}
TIERS = ["none", "silver", "gold", "platinum"]
CATEGORIES = {"Electronics": ["Headphones", "Phones", "Laptops"], "Home": ["Kitchen", "Bedding", "Lighting"],
              "Apparel": ["Shoes", "Jackets", "Shirts"], "Sports": ["Bikes", "Fitness", "Camping"],
              "Beauty": ["Skincare", "Fragrance", "Makeup"]}


class NullSink:
    """Counts the bytes of what is written; keeps nothing."""

    def __init__(self):
        self.bytes = 0

    def write(self, text):
        self.bytes += len(text.encode("utf-8"))


def money(value):
    return float("%.2f" % value)


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    rows_wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 42
    fake = Faker("en_US")
    fake.seed_instance(seed)
    out = NullSink()
    rows = 0
    tables = {}

    def emit(table, row):
        nonlocal rows
        tables[table] = tables.get(table, 0) + 1
        out.write(json.dumps({"table": table, "row": row}, separators=(",", ":")) + "\n")
        rows += 1

    started = time.perf_counter()

    # the world: stores, a first customer base and the catalog (as the generator's first batch)
    stores = []
    for store_id in range(1, 21):
        channel = "web" if store_id == 1 else "mobile" if store_id == 2 else "store"
        store = {"store_id": store_id, "name": fake.company() + " " + fake.city_suffix(), "channel": channel,
                 "city": fake.city(), "state": fake.state_abbr(), "postal_code": fake.zipcode(), "country": "US",
                 "opened_at": iso(fake.date_time_between(start_date="-5y", end_date="-1y"))}
        stores.append(store)
        emit("stores", store)
    products = []
    for product_id in range(1, max(50, rows_wanted // 1000) + 1):
        category = fake.random_element(elements=list(CATEGORIES))
        price = fake.pydecimal(left_digits=3, right_digits=2, positive=True)
        created = fake.date_time_between(start_date="-2y", end_date="-1d")
        product = {"product_id": product_id, "sku": fake.bothify(text="???-######").upper(),
                   "name": fake.company() + " " + fake.word().title() + " " + fake.color_name(),
                   "category": category, "subcategory": fake.random_element(elements=CATEGORIES[category]),
                   "brand": fake.company(), "unit_price": money(price),
                   "unit_cost": money(float(price) * fake.random_int(min=40, max=80) / 100),
                   "is_active": True, "created_at": iso(created), "updated_at": iso(created)}
        products.append(product)
        emit("products", product)
    customer_every = 110  # about 0.9% of the generator's rows are customers
    customers = 0
    order_id = 0
    open_orders = []
    while rows < rows_wanted:
        if customers == 0 or rows // customer_every > customers:
            customers += 1
            first, last = fake.first_name(), fake.last_name()
            signup = fake.date_time_between(start_date="-30d", end_date="now")
            emit("customers", {"customer_id": customers, "first_name": first, "last_name": last,
                               "email": "%s.%s@%s" % (first.lower(), last.lower(), fake.free_email_domain()),
                               "phone": fake.phone_number(), "street": fake.street_address(),
                               "city": fake.city(), "state": fake.state_abbr(), "postal_code": fake.zipcode(),
                               "country": "US", "loyalty_tier": fake.random_element(elements=TIERS),
                               "signup_at": iso(signup), "updated_at": iso(signup)})
        # an order placed now: its row, its lines, its payment
        order_id += 1
        store = fake.random_element(elements=stores)
        channel = store["channel"]
        placed = fake.date_time_between(start_date="-1h", end_date="now")
        customer_id = fake.random_int(min=1, max=customers)
        emit("orders", {"order_id": order_id, "customer_id": customer_id, "store_id": store["store_id"],
                        "channel": channel, "status": "paid", "order_at": iso(placed), "updated_at": iso(placed)})
        total = 0.0
        for line in range(1, fake.random_element(elements=[1, 1, 2, 2, 3, 3, 4]) + 1):
            product = fake.random_element(elements=products)
            quantity = fake.random_element(elements=[1, 1, 1, 2, 2, 3, fake.random_int(min=4, max=6)])
            gross = quantity * product["unit_price"]
            discount = money(gross * fake.random_element(elements=[0, 0, 0, 5, 10, 15, 20, 25]) / 100)
            total += gross - discount
            emit("order_items", {"order_item_id": order_id * 10 + line, "order_id": order_id,
                                 "line_number": line, "product_id": product["product_id"], "quantity": quantity,
                                 "unit_price": product["unit_price"], "discount_amount": discount})
        paid = placed + timedelta(seconds=fake.random_int(min=5, max=120))
        emit("payments", {"payment_id": order_id * 10 + 1, "order_id": order_id,
                          "method": fake.random_element(elements=METHODS[channel]), "status": "captured",
                          "amount": money(total), "paid_at": iso(paid)})
        open_orders.append((order_id, customer_id, store, placed, money(total)))
        # status changes of earlier orders: about 1.9 for each order placed, 4% of them with a refund
        for _ in range(2):
            if rows >= rows_wanted or not fake.boolean(chance_of_getting_true=93):
                break
            earlier = open_orders[fake.random_int(min=0, max=len(open_orders) - 1)]
            dice = fake.random_int(min=1, max=100)
            status = "shipped" if dice <= 48 else "delivered" if dice <= 96 else "cancelled" if dice <= 98 else "returned"
            changed = fake.date_time_between(start_date=earlier[3], end_date="+2d")
            emit("orders", {"order_id": earlier[0], "customer_id": earlier[1], "store_id": earlier[2]["store_id"],
                            "channel": earlier[2]["channel"], "status": status, "order_at": iso(earlier[3]),
                            "updated_at": iso(changed)})
            if status in ("cancelled", "returned"):
                emit("payments", {"payment_id": earlier[0] * 10 + 2, "order_id": earlier[0],
                                  "method": "card", "status": "refunded", "amount": earlier[4],
                                  "paid_at": iso(changed)})
            if len(open_orders) > 5000:
                open_orders.pop(0)
    seconds = time.perf_counter() - started
    sys.stderr.write("faker %s: %d rows (%s), %d bytes of NDJSON, %.3f s\n"
                     % (getattr(sys.modules["faker"], "VERSION", "?"), rows,
                        ", ".join("%s %d" % kv for kv in tables.items()), out.bytes, seconds))
    print("faker rows/s=%.0f" % (rows / seconds))


if __name__ == "__main__":
    main()
