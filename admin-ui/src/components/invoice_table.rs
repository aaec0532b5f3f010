use crate::external::external_url;
use crate::figures::full_day;
use crate::money::money;
use leptos::prelude::*;
use parley_shared_types::billing::Invoice;

/// The workspace's invoices and receipts, newest as the edge lists them, each with its PDF
/// when the provider made one (opened in a new tab).
#[component]
pub fn InvoiceTable(invoices: Vec<Invoice>) -> impl IntoView {
    if invoices.is_empty() {
        return view! { <p class="empty-state" id="no-invoices">"No invoices yet."</p> }.into_any();
    }
    let rows = invoices
        .into_iter()
        .map(|invoice| {
            let pdf = invoice
                .pdf_url
                .as_deref()
                .and_then(external_url)
                .map(|url| {
                    view! {
                        <a href=url.to_owned() target="_blank" rel="noopener">"PDF"</a>
                    }
                });
            view! {
                <tr data-invoice-id=invoice.id.clone()>
                    <td>{full_day(&invoice.date)}</td>
                    <td>{money(invoice.amount, &invoice.currency)}</td>
                    <td>{invoice.status.clone()}</td>
                    <td>{invoice.provider.as_str()}</td>
                    <td>{pdf}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="report-table" id="invoice-table">
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Amount"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Paid through"</th>
                        <th scope="col">"Invoice"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
