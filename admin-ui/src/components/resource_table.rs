use leptos::prelude::*;

/// Resources as a table: the given column headings, then an unlabelled one for each
/// row's actions.
#[component]
pub fn ResourceTable(
    id: &'static str,
    columns: &'static [&'static str],
    children: Children,
) -> impl IntoView {
    view! {
        <table class="team-table" id=id>
            <thead>
                <tr>
                    {columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}
