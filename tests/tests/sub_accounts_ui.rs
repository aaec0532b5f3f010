//! The admin UI's Sub-accounts screen in real headless Chromium against `wrangler dev`: an
//! admin sees each sub-account with its id (for `X-RunAs-UserId`) and its share of the plan
//! this period, adds one, renames one and deletes one (asked twice), and the API agrees.

use parley_shared_types::page::Page;
use parley_shared_types::sub_account::SubAccount;
use parley_shared_types::widget::Widget;
use parley_tests::admin_page::{click, go, sign_in, type_into, wait_for_text};
use parley_tests::fixtures::Team;
use parley_tests::{Api, Server};
use serde_json::{Value, json};

async fn children(api: &Api) -> Vec<SubAccount> {
    let page: Page<SubAccount> = api.get("/api/sub-accounts").await.expect_status(200);
    page.data
}

#[tokio::test]
async fn an_admin_adds_renames_and_deletes_sub_accounts_and_sees_their_ids_and_use() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    let northwind: SubAccount = team
        .admin
        .post("/api/sub-accounts", &json!({"name": "Northwind"}))
        .await
        .expect_status(201);
    let widget: Widget = team
        .admin
        .run_as(&northwind.id)
        .post("/api/widgets", &json!({"name": "Northwind site"}))
        .await
        .expect_status(201);
    let _: Value = Api::new(&server.base_url)
        .post("/api/conversations", &json!({"widgetId": widget.id}))
        .await
        .expect_status(201);

    let browser = sign_in(&server, &team.admin_user.email).await;
    wait_for_text(&browser, "the nav link", "nav.main-nav", "Sub-accounts").await;
    go(&browser, "#/sub-accounts").await;
    let row = format!("tr[data-sub-account='{}']", northwind.id);
    wait_for_text(
        &browser,
        "the child's id",
        &format!("{row} .sub-account-id"),
        &northwind.id,
    )
    .await;
    wait_for_text(
        &browser,
        "the child's use this period",
        &format!("{row} .sub-account-usage"),
        "1 conversations",
    )
    .await;

    type_into(&browser, "#new-sub-account-name", "Contoso Travel").await;
    type_into(&browser, "#new-sub-account-email", "it@contoso.example").await;
    click(&browser, "#new-sub-account button[type=submit]").await;
    wait_for_text(
        &browser,
        "the new child",
        "#sub-accounts-table",
        "it@contoso.example",
    )
    .await;
    let contoso = children(&team.admin)
        .await
        .into_iter()
        .find(|child| child.name == "Contoso Travel")
        .expect("the form made the sub-account");
    assert_eq!(contoso.email.as_deref(), Some("it@contoso.example"));

    type_into(
        &browser,
        &format!("{row} .sub-account-name"),
        "Northwind Shop",
    )
    .await;
    click(&browser, &format!("{row} .save-sub-account")).await;
    let renamed = async {
        for _ in 0..50 {
            let names: Vec<String> = children(&team.admin)
                .await
                .into_iter()
                .map(|c| c.name)
                .collect();
            if names.contains(&"Northwind Shop".to_owned()) {
                return names;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        panic!("the rename never reached the API");
    };
    assert_eq!(renamed.await, ["Northwind Shop", "Contoso Travel"]);

    let contoso_row = format!("tr[data-sub-account='{}']", contoso.id);
    click(&browser, &format!("{contoso_row} .delete-sub-account")).await;
    wait_for_text(
        &browser,
        "the confirmation",
        &format!("{contoso_row} .delete-sub-account"),
        "Confirm delete",
    )
    .await;
    assert_eq!(
        children(&team.admin).await.len(),
        2,
        "one click deletes nothing"
    );
    click(&browser, &format!("{contoso_row} .delete-sub-account")).await;
    browser
        .wait_for(
            "the row to go",
            &format!("return document.querySelector({contoso_row:?}) ? null : true;"),
        )
        .await
        .unwrap();
    let left: Vec<String> = children(&team.admin)
        .await
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(left, [northwind.id]);
    browser.close().await.unwrap();
}
