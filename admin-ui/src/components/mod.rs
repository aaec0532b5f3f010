pub mod health_panel;
pub mod health_table;
